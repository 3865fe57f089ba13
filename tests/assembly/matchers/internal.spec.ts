import { isCreditCard, luhnValid, CREDIT_CARD_PATTERN } from "../../../assembly/matchers/internal/credit-card";
import { isRoutingNumber, ROUTING_NUMBER_PATTERN } from "../../../assembly/matchers/internal/routing-number";
import { isIntPhone, isNationalPhone, nationalPhoneRegionSupported, INT_PHONE_PATTERN } from "../../../assembly/matchers/internal/phone";
import { HASH_PATTERNS } from "../../../assembly/matchers/internal/hash-patterns";
import { ERROR_TEXT_PATTERNS } from "../../../assembly/matchers/internal/error-text-patterns";
import { jsErrorFollow, goErrorFollow, phpErrorFollow } from "../../../assembly/matchers/internal/error-text-follow";
import { sqlStatementLength, SQL_START_PATTERN } from "../../../assembly/matchers/internal/sql";
import { HASH_TYPES, ERROR_TYPES } from "../../../assembly/policy/internal";
import { compileSet, PatternSpec, CompileOptions, MatchBuffer, RegexSet } from "../../../assembly/regex/index";

function bytes(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }
function card(s: string): bool { const b = bytes(s); return isCreditCard(b.dataStart, b.length); }
function aba(s: string): bool { const b = bytes(s); return isRoutingNumber(b.dataStart, b.length); }
function intl(s: string): bool { const b = bytes(s); return isIntPhone(b.dataStart, b.length); }
function national(s: string, region: string): bool { const b = bytes(s); return isNationalPhone(b.dataStart, b.length, region); }
function sql(s: string): i32 { const b = bytes(s); return sqlStatementLength(b.dataStart, b.length); }

// Compiling a pattern set is the expensive part, so each table is compiled once.
const compiledSets = new Map<string, RegexSet>();

/** Pattern ids the regex engine finds in `text`, fed as one chunk. */
function patternsFound(patterns: Array<string>, text: string): Array<i32> {
  const key = patterns.join("\u0000");
  if (!compiledSets.has(key)) {
    const specs = new Array<PatternSpec>();
    for (let i = 0; i < patterns.length; i++) specs.push(new PatternSpec(patterns[i]));
    const compiled = compileSet(specs, new CompileOptions());
    expect(compiled.errors.length).toBe(0);
    compiledSets.set(key, compiled.set!);
  }
  const scanner = compiledSets.get(key).newScanner();
  const sink = new MatchBuffer();
  const b = bytes(text);
  scanner.feed(b.dataStart, b.length, true, sink);
  const ids = new Array<i32>();
  for (let i = 0; i < sink.count; i++) {
    const id = sink.data[i << 2];
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

describe("credit_card", () => {
  it("accepts test numbers of every listed issuer, with or without separators", () => {
    expect(card("4111111111111111")).toBe(true);        // Visa
    expect(card("4111 1111 1111 1111")).toBe(true);
    expect(card("5500-0000-0000-0004")).toBe(true);     // Mastercard
    expect(card("2223000048400011")).toBe(true);        // Mastercard 2-series
    expect(card("378282246310005")).toBe(true);         // Amex
    expect(card("6011111111111117")).toBe(true);        // Discover
    expect(card("30569309025904")).toBe(true);          // Diners
    expect(card("3530111333300000")).toBe(true);        // JCB
    expect(card("6200000000000005")).toBe(true);        // UnionPay
    expect(card("2200000000000004")).toBe(true);        // Mir
    expect(card("6759649826438453")).toBe(true);        // Maestro
  });
  it("rejects a bad check digit, an unknown issuer, and wrong lengths", () => {
    expect(card("4111111111111112")).toBe(false);
    expect(card("9111111111111116")).toBe(false);       // Luhn-valid, no issuer 9
    expect(card("411111111111")).toBe(false);           // 12 digits
    expect(card("41111111111111111111")).toBe(false);   // 20 digits
  });
  it("Luhn agrees with the textbook examples", () => {
    const d = new StaticArray<u8>(10);
    const s = "7992739871";
    for (let i = 0; i < 10; i++) d[i] = <u8>(s.charCodeAt(i) - 48);
    expect(luhnValid(d, 10)).toBe(false);
    const t = "79927398713";
    const e = new StaticArray<u8>(11);
    for (let i = 0; i < 11; i++) e[i] = <u8>(t.charCodeAt(i) - 48);
    expect(luhnValid(e, 11)).toBe(true);
  });
  it("its candidate pattern compiles and finds the spaced form", () => {
    expect(patternsFound([CREDIT_CARD_PATTERN], "card: 4111 1111 1111 1111.").length).toBe(1);
  });
});

describe("routing_number", () => {
  it("accepts valid ABA numbers", () => {
    expect(aba("021000021")).toBe(true);   // JPMorgan Chase
    expect(aba("011000015")).toBe(true);   // Federal Reserve Boston
    expect(aba("322271627")).toBe(true);
  });
  it("rejects bad prefixes, bad checksums, zeros and other lengths", () => {
    expect(aba("912345678")).toBe(false);  // the spec's negative: prefix 91
    expect(aba("021000022")).toBe(false);
    expect(aba("000000000")).toBe(false);
    expect(aba("02100002")).toBe(false);
    expect(aba("0210000210")).toBe(false);
    expect(patternsFound([ROUTING_NUMBER_PATTERN], "aba 021000021").length).toBe(1);
  });
});

describe("int_phone", () => {
  it("accepts international numbers with valid country codes and lengths", () => {
    expect(intl("+44 20 7946 0958")).toBe(true);
    expect(intl("+1 (415) 555-0132")).toBe(true);
    expect(intl("+49 30 901820")).toBe(true);
    expect(intl("+33 1 23 45 67 89")).toBe(true);
    expect(intl("+91 98765 43210")).toBe(true);
    expect(intl("+86 138 0013 8000")).toBe(true);
    expect(intl("+354 551 2345")).toBe(true); // Iceland: assigned, no plan in our table
  });
  it("rejects unassigned codes, bad lengths and bad NANP numbers", () => {
    expect(intl("+999 1234 5678")).toBe(false);   // 999 unassigned
    expect(intl("+44 20 7946")).toBe(false);      // 7-digit NSN
    expect(intl("+1 (115) 555-0132")).toBe(false); // area code starts with 1
    expect(intl("+1 (411) 555-0132")).toBe(false); // N11 area code
    expect(intl("+1 (415) 155-0132")).toBe(false); // exchange starts with 1
    expect(intl("+33 1 23 45 67 8")).toBe(false);
    expect(patternsFound([INT_PHONE_PATTERN], "call +44 20 7946 0958 now").length).toBe(1);
  });
});

describe("national_phone", () => {
  it("validates NANP exactly", () => {
    expect(national("(415) 555-0132", "US")).toBe(true);
    expect(national("1-415-555-0132", "US")).toBe(true);
    expect(national("+1 415 555 0132", "us")).toBe(true);
    expect(national("415-555-013", "US")).toBe(false);
    expect(national("(911) 555-0132", "US")).toBe(false);
    expect(national("(415) 911-0132", "US")).toBe(false);
    expect(national("+44 415 555 0132", "US")).toBe(false);
  });
  it("validates other known regions by trunk prefix and length", () => {
    expect(national("020 7946 0958", "GB")).toBe(true);
    expect(national("+44 20 7946 0958", "GB")).toBe(true);
    expect(national("06 1234 5678", "NL")).toBe(true);
    expect(national("06 1234 567", "NL")).toBe(false);
    expect(national("91 123 45 67", "ES")).toBe(true);
  });
  it("passes unknown regions (the policy load warns) and says which are supported", () => {
    expect(national("12", "ZZ")).toBe(true);
    expect(nationalPhoneRegionSupported("us")).toBe(true);
    expect(nationalPhoneRegionSupported("DE")).toBe(true);
    expect(nationalPhoneRegionSupported("ZZ")).toBe(false);
  });
});

describe("hash patterns", () => {
  it("has one pattern per hash type, in the policy's order", () => {
    expect(HASH_PATTERNS.length).toBe(HASH_TYPES.length);
    expect(HASH_PATTERNS.length).toBe(29);
  });
  it("finds a sample of every shape with its own pattern", () => {
    const samples: string[] = [
      "\$2b\$12\$CoT6g/6FBw66WrBrV/gsdKbG6V0W2pSkcp9zF1KZVQYBPbHsNlzGI",
      "\$bcrypt-sha256\$v=2,t=2b,r=12\$ng77jQgYraJ0ZnddUOHCcL\$.hlcxYJFrdPMSpUU4VlG1CK1FKP/ZMa",
      "\$5\$rounds=5000\$UpfO5RRH8afaTE4K\$MuSvMTFKUlboLAGCNv1klNOA2tiPz3GAncwMvHPiQoZ",
      "\$6\$JG5QZJZY\$cYrx.71Ac4IPBgInDdcx1e/7ntKCaYemPoE7fRAxnntCHo.8XeGDG0e6N.fodneg7cj8MsMhQVVKSFwO0no.Ui",
      "\$1\$udT4Ud1e\$T9MZZ4aDzGh0A0obNTFn5n",
      "\$apr1\$UlMl.6qC\$VdjkUubPnbm7IKjcClkfNv",
      "\$sha1\$40000\$hCvD4WET\$WQZiUCYsZ7rXrsk972vpGxqMBJYG",
      "\$md5,rounds=5000\$zLaG7Uxu\$\$SCN7qZ7y5b7hXd5BCgzECw",
      "\$argon2id\$v=19\$m=65536,t=3,p=4\$HrxeGvfOx2lkplHLeT5Rad\$QQ3W+jA+YqOpJj3o4GmVV5LHnRo/ThLxtwV6pnsQ1Mx",
      "\$P\$47LuglvWRkGGVepd7GDROX3gR9mrGkm",
      "\$pbkdf2\$29000\$mvwZWoqWwtuxETJb2YVML9\$K7bw.lB8u4xwzc2mIrp5jebSBh9",
      "\$pbkdf2-sha256\$29000\$aPNOQpiciPygx1A8MldYhx\$sW96g0y8Ka54X2v4cEST3SXA.yFTq4wsyatXtbpmt28",
      "\$pbkdf2-sha512\$25000\$vfaX3MYceCXdW9bACkV6wt\$OmQneJH5K8DGbPQMjf1j.lbjatc7ewOx7P7QcULWjJvYmVOXuVRvSZ2B27QGtV8drta5jkMCfe35OT.hwXlPLm",
      "\$scram\$6400\$3iyCerq/mBIyAZMw5uidmb\$sha-1=kxEil5XAl8QX3mJ2Uym.5KhPQw8,sha-256=hS0gzDQfOC12iEzNtyz5ZTwY7Y6cJavkbrJf6dwyH81",
      "\$scrypt\$ln=16,r=8,p=1\$cQ5xIql2KY2hyr8IUTs1L5\$6ASIIb5TRKD//orate.y5RSc8vC/H1Pek3LFD9ZFPdb",
      "\$p5k2\$2710\$2evFr0Rr\$Jcvfc_h671VvLxjrn0T46JG5KtOr",
      "\$p5k2\$\$cY8B4GbM\$m8oHGl1hTc83wLQvVWMeGzcMMWIcoZEY",
      "0x01002F76233092D8FE89157F5445EC04C1559644146C3DC508343494CB260B4F72BF3AF0BEDE9E4EC69595A86411",
      "0x0100D53053CB82EEA46AEBABBA998537A79D8E4FA5E12DD917CC",
      "*62B61F3DCB09BBCEB3F4A70B20426AD9600AEB6E",
      "md5a3c7f4996352d0bc0f5f84c6d9d9322e",
      "S:A20AFD3AD7A6C2107257FC9BE769A4BBA6E1D96F653E3C6A51AF7C17CBC7",
      "\$3\$\$598b81a3679e557f66b75cd59eb12ef0",
      "pbkdf2_sha1\$10000\$LlrHARFoyGFw\$Z9wo1RsPnSsM9t5V/fSzlMKP0Lb=",
      "pbkdf2_sha256\$260000\$BRJVWwBExKlp\$LyXoPuO+wY7z0Unh9zvvpmpXOYJi9JODHpBo9V3sHVx=",
      "sha1\$qKXGm\$778ba33427ea3a451f84beddd898c4115d0646b8",
      "md5\$cOJKV\$b63562fd943a584224302cee85029d50",
      "crypt\$cvHUu\$SldzV/2NA23C.",
      "grub.pbkdf2.sha512.10000.B675DC3CA37930C0A76E8C6D925E394E4957B932F2F7D000F01F01B99FF99492.C136725C45290F2BF2DACDEA0A9F8F86B38FDF6A171C7C5A35E8DDACD1BCBC874760D3CFFCD6FC150634C333694DD456DFAE080AAC639626C77A72A966C09748",
    ];
    for (let i = 0; i < samples.length; i++) {
      const found = patternsFound(HASH_PATTERNS, "stored: " + samples[i] + " end");
      expect(found.includes(i)).toBe(true);
    }
  });
  it("ignores ordinary text", () => {
    expect(patternsFound(HASH_PATTERNS, "the price is $5, or $6 with tax; md5 is a hash").length).toBe(0);
  });
});

describe("error_text patterns", () => {
  it("has one pattern per error type, in the policy's order", () => {
    expect(ERROR_TEXT_PATTERNS.length).toBe(ERROR_TYPES.length);
    expect(ERROR_TEXT_PATTERNS.length).toBe(25);
  });
  it("finds the default families in real-looking output", () => {
    const cases: string[] = [
      "TypeError: Cannot read properties of undefined (reading 'x')\n    at Object.<anonymous> (/app/index.js:3:5)",
      "Traceback (most recent call last):\n  File \"app.py\", line 1",
      "Exception in thread \"main\" java.lang.NullPointerException",
      "thread 'main' panicked at src/main.rs:2:5",
      "app.rb:12:in `block in <main>'",
      "panic: runtime error: index out of range\n\ngoroutine 1 [running]:",
      "Fatal error: Uncaught Error: Call to undefined function foo() in /var/www/index.php on line 3",
      "You have an error in your SQL syntax; check the manual",
      "ERROR:  syntax error at or near \"FORM\"",
      "WRONGTYPE Operation against a key holding the wrong kind of value",
      "E11000 duplicate key error collection: test.users",
    ];
    for (let i = 0; i < cases.length; i++) {
      const found = patternsFound(ERROR_TEXT_PATTERNS, cases[i]);
      expect(found.includes(i)).toBe(true);
    }
  });
  it("checks the second half of js, go and php signatures within their distance", () => {
    const js = "TypeError: x\n    at f (a.js:1:1)";
    const jsb = bytes(js);
    expect(jsErrorFollow(jsb.dataStart + 11, jsb.length - 11)).toBe(9); // through "at "
    const far = bytes("TypeError: x" + " ".repeat(300) + "\n    at f (a.js:1:1)");
    expect(jsErrorFollow(far.dataStart + 11, far.length - 11)).toBe(-1);
    const go = bytes("panic: runtime error\n\ngoroutine 17 [running]:");
    expect(goErrorFollow(go.dataStart + 7, go.length - 7)).toBe(29); // through " ["
    const php = bytes("Fatal error: Uncaught Error in x in /var/www/index.php on line 3\nnext");
    expect(phpErrorFollow(php.dataStart + 13, php.length - 13)).toBe(64 - 13);
    const noLine = bytes("Warning: something happened in index.php");
    expect(phpErrorFollow(noLine.dataStart + 9, noLine.length - 9)).toBe(-1);
  });
});

describe("sql", () => {
  it("accepts the listed statement shapes", () => {
    expect(sql("SELECT * FROM users")).toBe(19);
    expect(sql("select id, email from users where id = 1; drop")).toBe(40);
    expect(sql("SELECT count(*) FROM orders GROUP BY day")).toBeGreaterThan(0);
    expect(sql("SELECT u.name AS n FROM app.users u LIMIT 5")).toBeGreaterThan(0);
    expect(sql("INSERT INTO users (a, b) VALUES (1, 2)")).toBeGreaterThan(0);
    expect(sql("insert into t select * from s")).toBeGreaterThan(0);
    expect(sql("UPDATE accounts SET balance = 0")).toBeGreaterThan(0);
    expect(sql("DELETE FROM sessions")).toBe(20);
    expect(sql("DROP TABLE users")).toBe(16);
    expect(sql("TRUNCATE TABLE logs")).toBeGreaterThan(0);
    expect(sql("ALTER TABLE users ADD COLUMN x int")).toBeGreaterThan(0);
    expect(sql("CREATE USER admin")).toBeGreaterThan(0);
    expect(sql("GRANT ALL PRIVILEGES ON db.* TO 'u'@'%'")).toBeGreaterThan(0);
    expect(sql("SELECT `name`, \"mail\" FROM [dbo].[users]")).toBeGreaterThan(0);
  });
  it("rejects prose and statements the spec leaves out", () => {
    expect(sql("SELECT 1")).toBe(-1);
    expect(sql("select one from the menu")).toBe(-1);
    expect(sql("Select the item you want")).toBe(-1);
    expect(sql("update your profile")).toBe(-1);
    expect(sql("delete the file")).toBe(-1);
    expect(sql("drop me a line")).toBe(-1);
    expect(sql("create a table")).toBe(-1);
    expect(sql("grant access to everyone on request")).toBe(-1);
    expect(sql("SELECT name FROM users")).toBe(-1); // one column, no qualifier
  });
  it("stops at the first ';' and after 4096 bytes", () => {
    expect(sql("DELETE FROM a;DELETE FROM b")).toBe(13);
    expect(sql("SELECT * FROM t WHERE " + "x".repeat(5000))).toBe(4096);
  });
  it("finds statement starts on word boundaries only", () => {
    expect(patternsFound([SQL_START_PATTERN], "reselected; SELECTION").length).toBe(0);
    expect(patternsFound([SQL_START_PATTERN], "q=select * from t").length).toBe(1);
  });
});
