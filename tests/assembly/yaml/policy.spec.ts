// The policy spec's worked example (§9) and LeakSignal-style policies: they must parse
// with the structure the policy loader expects.
import { YamlKind, ScalarStyle, YamlNode } from "../../../assembly/yaml";
import { parseOk, doc, at } from "./util";

/** policy-spec.md §9, verbatim. */
const WORKED_EXAMPLE: string = [
  "report_style: raw",
  "path_groups: [\"!*/v2/accounts/*/profile\"]",
  "categories:",
  "  member_email:",
  "    - regex: \"\\\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\\\.[A-Za-z0-9-]+)*\\\\.[A-Za-z]{2,}\\\\b\"",
  "    - except: noreply@orbitbank.test",
  "    - except_regex: \"(?i)postmaster@.*\"",
  "  payment_card: { matchers: !internal credit_card, tag: pci }",
  "  aba_routing:",
  "    - regex: \"\\\\b\\\\d{9}\\\\b\"",
  "    - and: !internal routing_number",
  "  tax_id_us:",
  "    - regex: \"\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b\"",
  "    - except: 000-00-0000",
  "  tax_id_labeled:",
  "    - regex: \"\\\\b\\\\d{9}\\\\b\"",
  "    - correlate:",
  "        max_distance: 24",
  "        matches: [ {raw_insensitive: taxpayer}, {raw_insensitive: tin} ]",
  "  phone_intl: [ !internal int_phone ]",
  "  us_phone:",
  "    - regex: \"\\\\(?\\\\b[2-9]\\\\d{2}\\\\)?[ .-]?\\\\d{3}[ .-]\\\\d{4}\\\\b\"",
  "    - and: [ {internal: !national_phone US} ]",
  "  secret_field: [ {raw_insensitive: password}, {raw_insensitive: api_secret} ]",
  "  stored_hash: [ {internal: {hash: [bcrypt, argon2]}} ]",
  "  sql_leak: [ !internal sql ]",
  "  stack_trace: [ {internal: {error_text: [py_error, java_error]}} ]",
  "  internal_hostname: [ !regex \"\\\\b[a-z0-9-]+\\\\.svc\\\\.cluster\\\\.local\\\\b\" ]",
  "endpoints:",
  "  - matches: \"**\"",
  "    config:",
  "      member_email: {}",
  "      payment_card: { report_style: partial_sha256, report_bits: 32 }",
  "      aba_routing: { report_style: sha256 }",
  "      tax_id_us: { action: !redact \"***-**-****\", report_style: none }",
  "      tax_id_labeled: {}",
  "      phone_intl: {}",
  "      us_phone: {}",
  "      secret_field: { content_types: json, contexts: keys }",
  "      internal_hostname: { search: response_header, contexts: !header x-backend }",
  "  - matches: [\"*/v2/accounts/**\"]",
  "    report_style: partial_sha256",
  "    report_bits: 24",
  "    token_extractor:",
  "      location: request",
  "      header: Authorization",
  "      extractor:",
  "        - regex: \"Bearer (\\\\S+)\"",
  "        - jwt_decode",
  "        - metadata: { tenant: {json_path: \"$.tid\"}, sub_hash: [ {json_path: \"$.sub\"}, hash ] }",
  "        - json_path: \"$.sub\"",
  "    config:",
  "      stored_hash: { action: block }",
  "      credential: { matcher: secret_field, name: credential_value, contexts: values_key, content_types: json }",
  "  - matches: \"*/internal/debug/**\"",
  "    config: { stack_trace: {}, sql_leak: {}, member_email: { action: ignore } }",
  "sbac:",
  "  - name: bulk-card-export",
  "    stage: post_response_body",
  "    filter: { all: [ response_outbound, { response_matches: { payment_card: 3 } } ] }"
].join("\n") + "\n";

describe("worked example (policy-spec §9)", () => {
  it("parses with the expected structure", () => {
    let d = doc(WORKED_EXAMPLE);
    expect(d.ok()).toBe(true);
    expect(d.warnings.length).toBe(0);
    let r = d.root!;
    expect(r.keys.length).toBe(5);
    expect(r.keys[0].text).toBe("report_style");
    expect(r.keys[1].text).toBe("path_groups");
    expect(r.keys[2].text).toBe("categories");
    expect(r.keys[3].text).toBe("endpoints");
    expect(r.keys[4].text).toBe("sbac");
    expect(at(r, "report_style").text).toBe("raw");
    expect(at(r, "path_groups.0").text).toBe("!*/v2/accounts/*/profile");

    let cats = at(r, "categories");
    expect(cats.keys.length).toBe(12);
    expect(cats.keys[0].text).toBe("member_email");
    expect(cats.keys[11].text).toBe("internal_hostname");
    expect(at(cats, "member_email.0.regex").text).toBe("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    expect(at(cats, "member_email.1.except").text).toBe("noreply@orbitbank.test");
    expect(at(cats, "member_email.2.except_regex").text).toBe("(?i)postmaster@.*");
    expect(at(cats, "payment_card.matchers").tag).toBe("internal");
    expect(at(cats, "payment_card.matchers").text).toBe("credit_card");
    expect(at(cats, "payment_card.tag").text).toBe("pci");
    expect(at(cats, "aba_routing.0.regex").text).toBe("\\b\\d{9}\\b");
    expect(at(cats, "aba_routing.1.and").tag).toBe("internal");
    expect(at(cats, "aba_routing.1.and").text).toBe("routing_number");
    expect(at(cats, "tax_id_us.1.except").text).toBe("000-00-0000");
    expect(at(cats, "tax_id_us.1.except").kind).toBe(YamlKind.String);
    expect(at(cats, "tax_id_labeled.1.correlate.max_distance").intValue).toBe(24);
    expect(at(cats, "tax_id_labeled.1.correlate.matches.1.raw_insensitive").text).toBe("tin");
    expect(at(cats, "phone_intl.0").tag).toBe("internal");
    expect(at(cats, "phone_intl.0").text).toBe("int_phone");
    expect(at(cats, "us_phone.0.regex").text).toBe("\\(?\\b[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]\\d{4}\\b");
    expect(at(cats, "us_phone.1.and.0.internal").tag).toBe("national_phone");
    expect(at(cats, "us_phone.1.and.0.internal").text).toBe("US");
    expect(at(cats, "secret_field.1.raw_insensitive").text).toBe("api_secret");
    expect(at(cats, "stored_hash.0.internal.hash.1").text).toBe("argon2");
    expect(at(cats, "sql_leak.0").tag).toBe("internal");
    expect(at(cats, "stack_trace.0.internal.error_text.0").text).toBe("py_error");
    expect(at(cats, "internal_hostname.0").tag).toBe("regex");
    expect(at(cats, "internal_hostname.0").text).toBe("\\b[a-z0-9-]+\\.svc\\.cluster\\.local\\b");

    let eps = at(r, "endpoints");
    expect(eps.items.length).toBe(3);
    expect(at(eps, "0.matches").text).toBe("**");
    expect(at(eps, "0.config").keys.length).toBe(9);
    expect(at(eps, "0.config.member_email").kind).toBe(YamlKind.Mapping);
    expect(at(eps, "0.config.member_email").keys.length).toBe(0);
    expect(at(eps, "0.config.payment_card.report_bits").intValue).toBe(32);
    expect(at(eps, "0.config.tax_id_us.action").tag).toBe("redact");
    expect(at(eps, "0.config.tax_id_us.action").text).toBe("***-**-****");
    expect(at(eps, "0.config.tax_id_us.report_style").text).toBe("none");
    expect(at(eps, "0.config.internal_hostname.contexts").tag).toBe("header");
    expect(at(eps, "0.config.internal_hostname.contexts").text).toBe("x-backend");
    expect(at(eps, "1.matches.0").text).toBe("*/v2/accounts/**");
    expect(at(eps, "1.report_bits").intValue).toBe(24);
    expect(at(eps, "1.token_extractor.header").text).toBe("Authorization");
    expect(at(eps, "1.token_extractor.extractor.0.regex").text).toBe("Bearer (\\S+)");
    expect(at(eps, "1.token_extractor.extractor.1").text).toBe("jwt_decode");
    expect(at(eps, "1.token_extractor.extractor.2.metadata.tenant.json_path").text).toBe("$.tid");
    expect(at(eps, "1.token_extractor.extractor.2.metadata.sub_hash.1").text).toBe("hash");
    expect(at(eps, "1.token_extractor.extractor.3.json_path").text).toBe("$.sub");
    expect(at(eps, "1.config.credential.matcher").text).toBe("secret_field");
    expect(at(eps, "2.config.member_email.action").text).toBe("ignore");

    expect(at(r, "sbac.0.name").text).toBe("bulk-card-export");
    expect(at(r, "sbac.0.filter.all.0").text).toBe("response_outbound");
    expect(at(r, "sbac.0.filter.all.1.response_matches.payment_card").intValue).toBe(3);
  });

  it("reports positions in the source", () => {
    let r = parseOk(WORKED_EXAMPLE);
    let action = at(r, "endpoints.0.config.tax_id_us.action");
    expect(action.line).toBe(35);
    expect(action.column).toBe(28);
    expect(at(r, "categories.sql_leak").line).toBe(26);
    expect(at(r, "categories.sql_leak").column).toBe(13);
  });
});

describe("LeakSignal-style policies", () => {
  it("takes both spellings of tags (spec §0)", () => {
    let r = parseOk(
      "categories:\n" +
      "  routing:\n" +
      "    - !internal routing_number\n" +
      "    - internal: routing_number\n" +
      "  phone:\n" +
      "    - regex: '\\d{3}-\\d{4}'\n" +
      "    - and:\n" +
      "        - internal: !national_phone DE\n" +
      "        - internal: {national_phone: DE}\n" +
      "endpoints:\n" +
      "  - matches: \"**\"\n" +
      "    config:\n" +
      "      routing: { action: !redact \"#\", contexts: !header x-account }\n" +
      "      phone:\n" +
      "        action:\n" +
      "          redact: \"#\"\n");
    expect(at(r, "categories.routing.0").tag).toBe("internal");
    expect(at(r, "categories.routing.1.internal").text).toBe("routing_number");
    // single quotes keep backslashes as written
    expect(at(r, "categories.phone.0.regex").text).toBe("\\d{3}-\\d{4}");
    expect(at(r, "categories.phone.1.and.0.internal").tag).toBe("national_phone");
    expect(at(r, "categories.phone.1.and.1.internal.national_phone").text).toBe("DE");
    expect(at(r, "endpoints.0.config.routing.action").tag).toBe("redact");
    expect(at(r, "endpoints.0.config.routing.action").text).toBe("#");
    expect(at(r, "endpoints.0.config.phone.action.redact").text).toBe("#");
  });

  it("parses an Envoy-style config embedding a policy string", () => {
    let r = parseOk(
      "typed_config:\n" +
      "  \"@type\": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm\n" +
      "  config:\n" +
      "    configuration:\n" +
      "      \"@type\": type.googleapis.com/google.protobuf.StringValue\n" +
      "      value: |\n" +
      "        local_policy:\n" +
      "          categories:\n" +
      "            ssn: [ {regex: \"\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b\"} ]\n" +
      "          endpoints:\n" +
      "            - matches: \"**\"\n" +
      "              config: { ssn: {} }\n" +
      "    vm_config:\n" +
      "      runtime: envoy.wasm.runtime.v8\n");
    let value = at(r, "typed_config.config.configuration.value");
    expect(value.style).toBe(ScalarStyle.Literal);
    let inner = parseOk(value.text);
    expect(at(inner, "local_policy.categories.ssn.0.regex").text).toBe("\\b\\d{3}-\\d{2}-\\d{4}\\b");
    expect(at(inner, "local_policy.endpoints.0.config.ssn").kind).toBe(YamlKind.Mapping);
    expect(at(r, "typed_config.@type").text).toBe("type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm");
  });

  it("keeps numbers' source text where strings are expected (spec §2.1)", () => {
    let r = parseOk("except: 0042\nbits: 24\nrate: 0.5\nflag: yes\nname: 1e3");
    expect(at(r, "except").text).toBe("0042");
    expect(at(r, "except").intValue).toBe(42);
    expect(at(r, "rate").floatValue).toBe(0.5);
    expect(at(r, "flag").kind).toBe(YamlKind.String);
    expect(at(r, "name").text).toBe("1e3");
  });
});

describe("duplicate keys (spec §2.1: last wins, warning)", () => {
  it("keeps the last entry, drops the earlier one and warns at the duplicate", () => {
    let d = doc("a: 1\nb: 2\na: 3\n");
    expect(d.ok()).toBe(true);
    let r = d.root!;
    expect(r.keys.length).toBe(2);
    expect(r.keys[0].text).toBe("b");
    expect(r.keys[1].text).toBe("a");
    expect(r.get("a")!.intValue).toBe(3);
    expect(d.warnings.length).toBe(1);
    expect(d.warnings[0].toString()).toBe("3:1: duplicate key 'a' (first defined at 1:1): the last one wins");
  });

  it("warns once per duplicate, in flow and nested mappings too", () => {
    let d = doc("x: {k: 1, k: 2, k: 3}\ny:\n  z: 1\n  z: 2\n");
    expect(d.ok()).toBe(true);
    expect(d.warnings.length).toBe(3);
    expect(d.warnings[0].toString()).toBe("1:11: duplicate key 'k' (first defined at 1:5): the last one wins");
    expect(d.warnings[1].toString()).toBe("1:17: duplicate key 'k' (first defined at 1:11): the last one wins");
    expect(d.warnings[2].toString()).toBe("4:3: duplicate key 'z' (first defined at 3:3): the last one wins");
    expect(at(d.root!, "x").keys.length).toBe(1);
    expect(at(d.root!, "x.k").intValue).toBe(3);
    expect(at(d.root!, "y.z").intValue).toBe(2);
  });

  it("finds duplicates in large mappings through the index", () => {
    let s = "";
    for (let i = 0; i < 50; i++) s += "k" + i.toString() + ": " + i.toString() + "\n";
    s += "k7: again\nk40: again\n";
    let d = doc(s);
    expect(d.ok()).toBe(true);
    expect(d.warnings.length).toBe(2);
    expect(d.warnings[0].toString()).toBe("51:1: duplicate key 'k7' (first defined at 8:1): the last one wins");
    let r = d.root!;
    expect(r.keys.length).toBe(50);
    expect(r.keys[48].text).toBe("k7");
    expect(r.keys[49].text).toBe("k40");
    expect(r.get("k7")!.text).toBe("again");
    expect(r.keys[7].text).toBe("k8");
  });

  it("compares keys by text: '1' and 1 are the same key", () => {
    let d = doc("1: a\n'1': b");
    expect(d.warnings.length).toBe(1);
    expect(d.root!.keys.length).toBe(1);
    expect(d.root!.get("1")!.text).toBe("b");
  });
});
