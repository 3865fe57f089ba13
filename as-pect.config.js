// as-pect runs the AssemblyScript unit tests in tests/assembly/ (they mirror assembly/).
// Config files for as-pect must be JavaScript; everything else on the Node side is TypeScript.
export default {
  entries: ["tests/assembly/**/*.spec.ts"],
  include: ["tests/assembly/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
