import { parseYamlString, YamlKind, YamlNode, YamlDocument, ScalarStyle } from "../../../assembly/yaml";

function root(src: string): YamlNode {
  let doc = parseYamlString(src);
  if (!doc.ok()) {
    trace("unexpected error: " + doc.errors[0].toString());
  }
  expect(doc.ok()).toBe(true);
  return doc.root!;
}

describe("yaml basics", () => {
  it("parses a block mapping", () => {
    let r = root("a: 1\nb: hello\nc: true\n");
    expect(r.kind).toBe(YamlKind.Mapping);
    expect(r.keys.length).toBe(3);
    expect(r.get("a")!.intValue).toBe(1);
    expect(r.get("b")!.text).toBe("hello");
    expect(r.get("c")!.boolValue).toBe(true);
  });
});
