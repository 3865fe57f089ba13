// Spec §9: the worked example's token and token_metadata, through the loaded policy.
import { extractToken, tokenSource, responseTokenSource } from "../../../assembly/token/index";
import { extractorOf } from "./util";

const AUTH = "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXN0LTUwNzMxIiwidGlkIjoiZW1lYS0yIn0.c2lnbmF0dXJl";

const EXAMPLE = `      location: request
      header: Authorization
      extractor:
        - regex: "Bearer (\\\\S+)"
        - jwt_decode
        - metadata: { tenant: {json_path: "$.tid"}, sub_hash: [ {json_path: "$.sub"}, hash ] }
        - json_path: "$.sub"
`;

describe("§9 worked example", () => {
  it("gives token cust-50731 with tenant and sub_hash metadata", () => {
    const te = extractorOf(EXAMPLE);
    const names = [":path", ":authority", "authorization"];
    const values = ["/v2/accounts/8812/profile?view=full", "api.orbitbank.test", AUTH];
    const src = tokenSource(te, names, values);
    expect(src).toBe(AUTH);
    expect(responseTokenSource(te, names, values)).toBeNull();
    const r = extractToken(te, src);
    expect(r.token).toBe("cust-50731");
    expect(r.metadata.length).toBe(2);
    expect(r.metadata[0].name).toBe("tenant");
    expect(r.metadata[0].value).toBe("emea-2");
    expect(r.metadata[1].name).toBe("sub_hash");
    expect(r.metadata[1].value).toBe("D2CBDF21B47B567C70D9CFD87A3C92226DA657FFB6339A591CCBDE56FFB77F06");
  });

  it("no authorization header: no token, no metadata", () => {
    const te = extractorOf(EXAMPLE);
    const r = extractToken(te, tokenSource(te, [":path"], ["/v2/accounts/1/profile"]));
    expect(r.token).toBeNull();
    expect(r.metadata.length).toBe(0);
  });

  it("a failing main step drops the token and its metadata", () => {
    const te = extractorOf(EXAMPLE);
    // payload {"tid":"emea-2"}: tenant would succeed, $.sub fails
    const r = extractToken(te, "Bearer x.eyJ0aWQiOiJlbWVhLTIifQ.sig");
    expect(r.token).toBeNull();
    expect(r.metadata.length).toBe(0);
  });
});
