import { loadConfiguration, LoadedConfiguration } from "../../../assembly/filter/load-configuration";

function load(text: string): LoadedConfiguration {
  return loadConfiguration(Uint8Array.wrap(String.UTF8.encode(text)));
}

describe("loadConfiguration", () => {
  it("passes traffic through when there is no policy", () => {
    const r = load("deployment_name: x\n");
    expect(r.fatal).toBe(false);
    expect(r.hadPolicy).toBe(false);
    expect(r.policy).toBeNull();
  });

  it("loads a local_policy map with positions in the plugin configuration", () => {
    const r = load("deployment_name: x\nlocal_policy:\n  categories:\n    a: [ {raw: x} ]\n  bogus: 1\n");
    expect(r.fatal).toBe(false);
    expect(r.policy).not.toBeNull();
    expect(r.policy!.categories.length).toBe(1);
    expect(r.configProblems.items.length).toBe(1);
    expect(r.configProblems.items[0].line).toBe(5);
    expect(r.configProblems.items[0].message.startsWith("local_policy: ")).toBe(true);
    expect(r.policyStringProblems.items.length).toBe(0);
  });

  it("loads a local_policy string with positions inside the string", () => {
    const r = load("local_policy: \"categories:\\n  a: [ {raw: x} ]\\nbogus: 1\\n\"\n");
    expect(r.fatal).toBe(false);
    expect(r.policy!.categories.length).toBe(1);
    expect(r.configProblems.items.length).toBe(0);
    expect(r.policyStringProblems.items.length).toBe(1);
    expect(r.policyStringProblems.items[0].line).toBe(3);
    expect(r.policyStringProblems.items[0].column).toBe(1);
  });

  it("rejects a policy with a fatal error, keeping nothing of it", () => {
    const r = load("local_policy:\n  categories:\n    a: [ {regex: \"a(b\"} ]\n");
    expect(r.fatal).toBe(true);
    expect(r.policy).toBeNull();
    expect(r.hadPolicy).toBe(true);
    expect(r.configProblems.hasFatal()).toBe(true);
  });

  it("rejects a policy string that is not YAML", () => {
    const r = load("local_policy: \"categories: [\"\n");
    expect(r.fatal).toBe(true);
    expect(r.policyStringProblems.firstFatal()!.line).toBe(1);
  });

  it("rejects a local_policy that is neither a map nor a string", () => {
    const r = load("local_policy: [1, 2]\n");
    // a wrong type for local_policy is a warning (lenient): the filter runs without a policy
    expect(r.fatal).toBe(false);
    expect(r.policy).toBeNull();
    expect(r.configProblems.countWarnings()).toBe(1);
  });
});
