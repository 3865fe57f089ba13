// Positive and negative examples for every rule of the ruleset library (examples/policies).
// A positive names the exact text the category must report; a negative must not produce the
// category at all. Every value is synthetic.

export interface RuleCases {
  /** Text containing one match, and the text that match must cover. */
  positive: [text: string, match: string][];
  negative: string[];
  /** Content type to scan with (default text/plain). */
  contentType?: string;
}

export const LIBRARY_CASES: Record<string, Record<string, RuleCases>> = {
  "pii.yaml": {
    us_ssn: {
      positive: [["ssn: 123-45-6789.", "123-45-6789"], ["<td>772-01-0001</td>", "772-01-0001"]],
      negative: ["000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "078-05-1120", "1123-45-6789", "phone 555-12-34567"],
    },
    email: {
      positive: [["write to ada.quint+news@orbit-bank.example.co.uk today", "ada.quint+news@orbit-bank.example.co.uk"]],
      negative: ["user@localhost", "@example.com", "ada at example dot com"],
    },
    us_phone: {
      positive: [["call (415) 555-0132 now", "(415) 555-0132"], ["tel: 212.555.0100", "212.555.0100"], ["+1 646-555-0199", "+1 646-555-0199"]],
      negative: ["(911) 555-0132", "(415) 155-0132", "(123) 555-0132", "order 4155550132 shipped"],
    },
    intl_phone: {
      positive: [["London +44 20 7946 0958.", "+44 20 7946 0958"], ["Paris: +33 1 23 45 67 89", "+33 1 23 45 67 89"]],
      negative: ["+999 1234 5678", "+44 20 7946", "version +1.2.3"],
    },
    street_address: {
      positive: [["ship to 1600 Pennsylvania Avenue, Washington", "1600 Pennsylvania Avenue"], ["at 42 Elm St, Apt 5.", "42 Elm St, Apt 5"]],
      negative: ["chapter 12 of the book", "we moved 300 miles west"],
    },
    date_of_birth: {
      positive: [["DOB: 1985-07-14", "1985-07-14"], ["born on 07/14/1985 in Ohio", "07/14/1985"]],
      negative: ["invoice date 1985-07-14", "released 2019-13-01 with born-again code", "dob: 1985-02-30x"],
    },
    uk_nino: {
      positive: [["NI number AB 12 34 56 C on file", "AB 12 34 56 C"], ["nino=JG103759A;", "JG103759A"]],
      negative: ["GB 12 34 56 C", "QQ123456C", "AB123456E"],
    },
    es_dni: {
      positive: [["DNI 12345678Z", "12345678Z"], ["dni: 87654321-X", "87654321-X"]],
      negative: ["1234567Z", "12345678I"],
    },
    fr_nir: {
      positive: [["NIR 1 85 07 75 123 456 78", "1 85 07 75 123 456 78"], ["nir=285072A12345678", "285072A12345678"]],
      negative: ["3 85 07 75 123 456 78", "1 85 13 75 123 456 78"],
    },
    it_codice_fiscale: {
      positive: [["CF RSSMRA85T10A562S.", "RSSMRA85T10A562S"]],
      negative: ["RSSMRA85Z10A562S", "rssmra85t10a562s"],
    },
  },
  "financial.yaml": {
    credit_card: {
      positive: [["card 4111 1111 1111 1111 exp", "4111 1111 1111 1111"], ["amex=378282246310005;", "378282246310005"], ["mc 5555-5555-5555-4444", "5555-5555-5555-4444"]],
      negative: ["4111 1111 1111 1112", "1234 5678 9012 3456", "order 41111111111111111111", "9111111111111116"],
    },
    aba_routing: {
      positive: [["routing 021000021 account", "021000021"], ["aba=011000015", "011000015"]],
      negative: ["912345678", "021000022", "000000000", "0210000210"],
    },
    iban: {
      positive: [["IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00"], ["iban=GB29NWBK60161331926819", "GB29NWBK60161331926819"]],
      negative: ["ZZ89370400440532013000", "DE00370400440532013000", "DE89"],
    },
    card_field: {
      contentType: "application/json",
      positive: [['{"cardNumber": "x"}', "cardNumber"], ['{"cvv": "123"}', "cvv"]],
      negative: ['{"note": "card_number"}', "card_number: 1"],
    },
  },
  "secrets.yaml": {
    aws_access_key_id: {
      positive: [["key AKIAIOSFODNN7EXAMPLE ok", "AKIAIOSFODNN7EXAMPLE"]],
      negative: ["AKIAIOSFODNN7EXAMPL", "XKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE1"],
    },
    aws_secret_access_key: {
      positive: [["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]],
      negative: ["checksum wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = short"],
    },
    gcp_api_key: {
      positive: [["key=AIzaSyA1234567890abcdefghijklmnopqrstuv&", "AIzaSyA1234567890abcdefghijklmnopqrstuv"]],
      negative: ["AIzaSyA123", "BIzaSyA1234567890abcdefghijklmnopqrstuv"],
    },
    github_token: {
      positive: [["token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 used", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"]],
      negative: ["ghp_tooShort", "ghx_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"],
    },
    slack_token: {
      positive: [["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"]],
      negative: ["xoxz-123456789012-abcdefghijkl", "xoxb-abcdefghij"],
    },
    stripe_key: {
      positive: [["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"]],
      negative: ["sk_live_short", "pk_live_4eC39HqLyjWDarjtT1zdp7dc"],
    },
    jwt: {
      positive: [["Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"]],
      negative: ["eyJhbGciOiJIUzI1NiJ9", "eyJ.eyJ.abc"],
    },
    password_field: {
      contentType: "application/json",
      // password_field runs on keys; its entry (password_value, values_key) reports the value under them
      positive: [['{"user": "ada", "password": "hunter2"}', "hunter2"], ['{"client_secret": ["s1"]}', "s1"]],
      negative: ['{"password_hint": {"q": "pet"}}', '{"note": "password"}', 'password: hunter2'],
    },
    private_key_block: {
      positive: [["-----BEGIN RSA PRIVATE KEY-----\nMIIE", "-----BEGIN RSA PRIVATE KEY-----"], ["-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----"]],
      negative: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----"],
    },
  },
  "exploits.yaml": {
    directory_listing: {
      positive: [["$ ls -la\ndrwxr-xr-x  6 www-data www-data 4096 Mar  3 10:12 app\n", "drwxr-xr-x  6 www-data www-data 4096 Mar  3 10:12 a"]],
      negative: ["permissions rwxr-xr-x are fine", "-rw-r--r-- is a mode string"],
    },
    passwd_line: {
      positive: [["root:x:0:0:root:/root:/bin/bash\n", "root:x:0:0:root:/root:/bin/bash"], ["www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin", "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin"]],
      negative: ["root:x:0:0", "a:b:c:d:e:f:g"],
    },
    interface_config: {
      positive: [["eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500", "flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500"], ["        inet 10.12.0.7  netmask 255.255.255.0", "inet 10.12.0.7  netmask"]],
      negative: ["the internet is big", "inet is a word"],
    },
    sql_statement: {
      positive: [["q=SELECT * FROM users WHERE id=1;", "SELECT * FROM users WHERE id=1"], ["DROP TABLE accounts", "DROP TABLE accounts"]],
      negative: ["please select one from the menu", "SELECT 1", "drop me a line"],
    },
  },
};
