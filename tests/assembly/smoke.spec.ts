describe("toolchain", () => {
  it("compiles and runs AssemblyScript tests", () => {
    const bytes = new Uint8Array(3);
    bytes[0] = 1;
    expect(bytes[0] + bytes[1]).toBe(1);
  });
});
