// The spec's worked example (§9) loads with the expected structure and resolves its
// request target as §9 says.
import { loadClean } from "./util";
import { resolveEndpoint } from "../../../assembly/policy/index";
import { RuleKind, CorrelateInterest } from "../../../assembly/policy/match-rule";
import { InternalKind, HASH_TYPES, ERROR_TYPES } from "../../../assembly/policy/internal";
import { Action, SEARCH_RESPONSE_HEADER, SEARCH_DEFAULT } from "../../../assembly/policy/match-config";
import { BodyParser } from "../../../assembly/policy/content-types";
import { ReportStyle } from "../../../assembly/policy/report";
import { TokenLocation, StepKind } from "../../../assembly/policy/token-extractor";
import { RuleFilterKind } from "../../../assembly/policy/filters";

export const EXAMPLE = `report_style: raw
path_groups: ["!*/v2/accounts/*/profile"]
categories:
  member_email:
    - regex: "\\\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\\\.[A-Za-z0-9-]+)*\\\\.[A-Za-z]{2,}\\\\b"
    - except: noreply@orbitbank.test
    - except_regex: "(?i)postmaster@.*"
  payment_card: { matchers: !internal credit_card, tag: pci }
  aba_routing:
    - regex: "\\\\b\\\\d{9}\\\\b"
    - and: !internal routing_number
  tax_id_us:
    - regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"
    - except: 000-00-0000
  tax_id_labeled:
    - regex: "\\\\b\\\\d{9}\\\\b"
    - correlate:
        max_distance: 24
        matches: [ {raw_insensitive: taxpayer}, {raw_insensitive: tin} ]
  phone_intl: [ !internal int_phone ]
  us_phone:
    - regex: "\\\\(?\\\\b[2-9]\\\\d{2}\\\\)?[ .-]?\\\\d{3}[ .-]\\\\d{4}\\\\b"
    - and: [ {internal: !national_phone US} ]
  secret_field: [ {raw_insensitive: password}, {raw_insensitive: api_secret} ]
  stored_hash: [ {internal: {hash: [bcrypt, argon2]}} ]
  sql_leak: [ !internal sql ]
  stack_trace: [ {internal: {error_text: [py_error, java_error]}} ]
  internal_hostname: [ !regex "\\\\b[a-z0-9-]+\\\\.svc\\\\.cluster\\\\.local\\\\b" ]
endpoints:
  - matches: "**"
    config:
      member_email: {}
      payment_card: { report_style: partial_sha256, report_bits: 32 }
      aba_routing: { report_style: sha256 }
      tax_id_us: { action: !redact "***-**-****", report_style: none }
      tax_id_labeled: {}
      phone_intl: {}
      us_phone: {}
      secret_field: { content_types: json, contexts: keys }
      internal_hostname: { search: response_header, contexts: !header x-backend }
  - matches: ["*/v2/accounts/**"]
    report_style: partial_sha256
    report_bits: 24
    token_extractor:
      location: request
      header: Authorization
      extractor:
        - regex: "Bearer (\\\\S+)"
        - jwt_decode
        - metadata: { tenant: {json_path: "$.tid"}, sub_hash: [ {json_path: "$.sub"}, hash ] }
        - json_path: "$.sub"
    config:
      stored_hash: { action: block }
      credential: { matcher: secret_field, name: credential_value, contexts: values_key, content_types: json }
  - matches: "*/internal/debug/**"
    config: { stack_trace: {}, sql_leak: {}, member_email: { action: ignore } }
sbac:
  - name: bulk-card-export
    stage: post_response_body
    filter: { all: [ response_outbound, { response_matches: { payment_card: 3 } } ] }
`;

describe("§9 worked example", () => {
  it("loads with no warning", () => {
    const p = loadClean(EXAMPLE);
    expect(p.categories.length).toBe(12);
    expect(p.endpoints.length).toBe(3);
    expect(p.sbac.length).toBe(1);
    expect(p.pathGroups.length).toBe(1);
    expect(p.reportStyle).toBe(ReportStyle.Raw);
    expect(p.reportBits).toBe(32);
  });

  it("keeps every category's rules in their roles", () => {
    const p = loadClean(EXAMPLE);
    const email = p.category("member_email")!;
    expect(email.positives.length).toBe(1);
    expect(email.positives[0].kind).toBe(RuleKind.Regex);
    expect(email.positives[0].text).toBe("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    expect(email.excepts.length).toBe(2);
    expect(email.excepts[0].kind).toBe(RuleKind.Except);
    expect(email.excepts[0].text).toBe("noreply@orbitbank.test");
    expect(email.excepts[1].kind).toBe(RuleKind.ExceptRegex);

    const card = p.category("payment_card")!;
    expect(card.tag).toBe("pci");
    expect(card.positives.length).toBe(1);
    expect(card.positives[0].internal!.kind).toBe(InternalKind.CreditCard);

    const aba = p.category("aba_routing")!;
    expect(aba.ands.length).toBe(1);
    expect(aba.ands[0].and[0].internal!.kind).toBe(InternalKind.RoutingNumber);

    const labeled = p.category("tax_id_labeled")!;
    expect(labeled.correlates.length).toBe(1);
    const corr = labeled.correlates[0];
    expect(corr.interest).toBe(CorrelateInterest.Primary);
    expect(corr.maxDistance).toBe(24);
    expect(corr.rules.length).toBe(2);
    expect(corr.rules[1].kind).toBe(RuleKind.RawInsensitive);
    expect(corr.rules[1].text).toBe("tin");

    expect(p.category("phone_intl")!.positives[0].internal!.kind).toBe(InternalKind.IntPhone);
    const usPhone = p.category("us_phone")!;
    const np = usPhone.ands[0].and[0].internal!;
    expect(np.kind).toBe(InternalKind.NationalPhone);
    expect(np.region).toBe("US");
    expect(np.regionSupported).toBe(true);

    expect(p.category("secret_field")!.positives.length).toBe(2);
    const hash = p.category("stored_hash")!.positives[0].internal!;
    expect(hash.hashTypes.length).toBe(2);
    expect(HASH_TYPES[hash.hashTypes[0]]).toBe("bcrypt");
    expect(HASH_TYPES[hash.hashTypes[1]]).toBe("argon2");
    expect(p.category("sql_leak")!.positives[0].internal!.kind).toBe(InternalKind.Sql);
    const err = p.category("stack_trace")!.positives[0].internal!;
    expect(ERROR_TYPES[err.errorTypes[0]]).toBe("py_error");
    expect(ERROR_TYPES[err.errorTypes[1]]).toBe("java_error");
    expect(p.category("internal_hostname")!.positives[0].kind).toBe(RuleKind.Regex);
  });

  it("reads the endpoints, their entries and the token extractor", () => {
    const p = loadClean(EXAMPLE);
    const general = p.endpoints[0];
    expect(general.globs[0].source).toBe("**");
    expect(general.config.length).toBe(9);
    const tax = general.config[3];
    expect(tax.key).toBe("tax_id_us");
    expect(tax.action).toBe(Action.Redact);
    expect(tax.mask).toBe("***-**-****");
    expect(tax.reportStyle).toBe(<i32>ReportStyle.None);
    const secret = general.config[7];
    expect(secret.contentTypes.length).toBe(1);
    expect(secret.contentTypes[0]).toBe(<i32>BodyParser.Json);
    expect(secret.contexts.all).toBe(false);
    expect(secret.contexts.keys).toBe(true);
    expect(secret.contexts.values).toBe(false);
    const host = general.config[8];
    expect(host.search).toBe(SEARCH_RESPONSE_HEADER);
    expect(host.contexts.headers.length).toBe(1);
    expect(host.contexts.headers[0]).toBe("x-backend");

    const accounts = p.endpoints[1];
    expect(accounts.reportStyle).toBe(<i32>ReportStyle.PartialSha256);
    expect(accounts.reportBits).toBe(24);
    const te = accounts.tokenExtractor!;
    expect(te.location).toBe(TokenLocation.Request);
    expect(te.header).toBe("authorization");
    expect(te.steps.length).toBe(4);
    expect(te.steps[0].kind).toBe(StepKind.Regex);
    expect(te.steps[0].regex).toBe("Bearer (\\S+)");
    expect(te.steps[1].kind).toBe(StepKind.JwtDecode);
    expect(te.steps[2].kind).toBe(StepKind.Metadata);
    expect(te.steps[2].metadata.length).toBe(2);
    expect(te.steps[2].metadata[0].name).toBe("tenant");
    expect(te.steps[2].metadata[1].name).toBe("sub_hash");
    expect(te.steps[2].metadata[1].steps.length).toBe(2);
    expect(te.steps[2].metadata[1].steps[1].kind).toBe(StepKind.Hash);
    expect(te.steps[3].kind).toBe(StepKind.JsonPath);
    expect(te.steps[3].jsonPath!.segments[0].key).toBe("sub");
    const cred = accounts.config[1];
    expect(cred.key).toBe("credential");
    expect(cred.matcher).toBe("secret_field");
    expect(cred.name).toBe("credential_value");
    expect(cred.contexts.valuesKey).toBe(true);
    expect(cred.category!.name).toBe("secret_field");

    const debug = p.endpoints[2];
    expect(debug.config[2].action).toBe(Action.Ignore);

    const item = p.sbac[0];
    expect(item.name!).toBe("bulk-card-export");
    expect(item.stage).toBe(9);
    expect(item.filter.kind).toBe(RuleFilterKind.All);
    expect(item.filter.children[0].kind).toBe(RuleFilterKind.ResponseOutbound);
    expect(item.filter.children[1].matches[0].category).toBe("payment_card");
    expect(item.filter.children[1].matches[0].filter.constraints[0].count).toBe(3);
  });

  it("resolves the §9 request: endpoints, policy path, entries and report styles", () => {
    const p = loadClean(EXAMPLE);
    const eff = resolveEndpoint(p, "api.orbitbank.test", "/v2/accounts/8812/profile?view=full");
    expect(eff.endpoints.length).toBe(2);
    expect(eff.endpoints[0].matcherPath).toBe("**");
    expect(eff.endpoints[1].matcherPath).toBe("*/v2/accounts/**");
    expect(eff.policyPath).toBe("api.orbitbank.test/v2/accounts/*/profile");
    expect(eff.tokenExtractor).not.toBeNull();
    expect(eff.entries.length).toBe(11);
    const card = eff.entry("payment_card")!;
    expect(card.reportStyle).toBe(ReportStyle.PartialSha256);
    expect(card.reportBits).toBe(32);
    expect(card.matcherPath).toBe("**");
    expect(eff.entry("aba_routing")!.reportStyle).toBe(ReportStyle.Sha256);
    expect(eff.entry("member_email")!.reportStyle).toBe(ReportStyle.Raw);
    expect(eff.entry("tax_id_us")!.reportStyle).toBe(ReportStyle.None);
    const cred = eff.entry("credential")!;
    expect(cred.matcherPath).toBe("*/v2/accounts/**");
    expect(cred.reportStyle).toBe(ReportStyle.PartialSha256);
    expect(cred.reportBits).toBe(24);
    expect(cred.search).toBe(SEARCH_DEFAULT);
    expect(eff.entry("stored_hash")!.config.action).toBe(Action.Block);
    expect(eff.entry("stack_trace")).toBeNull();
  });

  it("lets /internal/debug/** ignore member_email and add its own entries", () => {
    const p = loadClean(EXAMPLE);
    const eff = resolveEndpoint(p, "api.orbitbank.test", "/internal/debug/x");
    expect(eff.endpoints.length).toBe(2);
    expect(eff.entry("member_email")).toBeNull();
    expect(eff.entry("stack_trace")).not.toBeNull();
    expect(eff.entry("sql_leak")!.matcherPath).toBe("*/internal/debug/**");
    expect(eff.policyPath).toBe("*/internal/debug/**");
  });

  it("summarizes for the log", () => {
    const p = loadClean(EXAMPLE);
    expect(p.summary()).toBe("policy loaded: 12 categories (19 rules), 3 endpoints (14 config entries), 1 sbac item, 0 rate rules, 0 warnings");
  });
});
