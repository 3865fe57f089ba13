// internal `hash` (spec §3.3): one regex per hash shape, in the order of HASH_TYPES
// (assembly/policy/internal.ts), so a hash type id indexes both. They join the policy's
// multi-pattern automaton like any other regex, so hashes cost no extra pass.
//
// Shorthands of the spec, spelled out: B = [./A-Za-z0-9] (crypt base64), H = [0-9A-F],
// h = [0-9a-f], b = [A-Za-z0-9+/] (standard base64), N = [0-9]+, S = [^$]+.

const B = "[./A-Za-z0-9]";
const b = "[A-Za-z0-9+/]";

export const HASH_PATTERNS: Array<string> = [
  /* bcrypt */ "\\$2[abxy]\\$[0-9]{2}\\$" + B + "{53}",
  /* bcrypt_sha256 */ "\\$bcrypt-sha256\\$(?:v=2,t=2[ab],r=[0-9]{2}|2[ab],[0-9]{2})\\$" + B + "{22}\\$" + B + "{31}",
  /* sha256_crypt */ "\\$5\\$(?:rounds=[0-9]+\\$)?" + B + "{0,16}\\$" + B + "{43}",
  /* sha512_crypt */ "\\$6\\$(?:rounds=[0-9]+\\$)?" + B + "{0,16}\\$" + B + "{86}",
  /* md5_crypt */ "\\$1\\$" + B + "{0,8}\\$" + B + "{22}",
  /* apr_md5_crypt */ "\\$apr1\\$" + B + "{0,8}\\$" + B + "{22}",
  /* sha1_crypt */ "\\$sha1\\$[0-9]+\\$" + B + "{0,64}\\$" + B + "{28}",
  /* sun_md5_crypt */ "\\$md5(?:,rounds=[0-9]+)?\\$" + B + "{0,8}\\${1,2}" + B + "{22}",
  /* argon2 */ "\\$argon2(?:id|i|d)\\$v=[0-9]+\\$m=[0-9]+,t=[0-9]+,p=[0-9]+\\$" + b + "+\\$" + b + "+",
  /* phpass */ "\\$[PH]\\$" + B + "{31}",
  /* pbkdf2_sha1 */ "\\$pbkdf2\\$[0-9]+\\$" + B + "+\\$" + B + "{27}",
  /* pbkdf2_sha256 */ "\\$pbkdf2-sha256\\$[0-9]+\\$" + B + "+\\$" + B + "{43}",
  /* pbkdf2_sha512 */ "\\$pbkdf2-sha512\\$[0-9]+\\$" + B + "+\\$" + B + "{86}",
  /* scram */ "\\$scram\\$[0-9]+\\$" + B + "+\\$sha-1=" + B + "+(?:,sha-[0-9]+=" + B + "+)*",
  /* scrypt */ "\\$scrypt\\$ln=[0-9]+,r=[0-9]+,p=[0-9]+\\$" + B + "+\\$" + B + "{43}",
  /* cta_pbkdf2_sha1 */ "\\$p5k2\\$[0-9A-F]+\\$[A-Za-z0-9_=-]+\\$[A-Za-z0-9_=-]{28}",
  /* dlitz_pbkdf2_sha1 */ "\\$p5k2\\$[0-9a-f]*\\$" + B + "+\\$" + B + "{32}",
  /* mssql2000 */ "0x0100[0-9A-F]{88}",
  /* mssql2005 */ "0x0100[0-9A-F]{48}",
  /* mysql141 */ "\\*[0-9A-F]{40}",
  /* postgres_md5 */ "md5[0-9a-f]{32}",
  /* oracle11 */ "S:[0-9A-F]{60}",
  /* bsd_nthash */ "\\$3\\$\\$[0-9a-f]{32}",
  /* django_pbkdf2_sha1 */ "pbkdf2_sha1\\$[0-9]+\\$[^$]+\\$" + b + "{27}=",
  /* django_pbkdf2_sha256 */ "pbkdf2_sha256\\$[0-9]+\\$[^$]+\\$" + b + "{43}=",
  /* django_salted_sha1 */ "sha1\\$[^$]+\\$[0-9a-f]{40}",
  /* django_salted_md5 */ "md5\\$[^$]+\\$[0-9a-f]{32}",
  /* django_des_crypt */ "crypt\\$[^$]+\\$" + B + "{13}",
  /* grub_pbkdf2_sha512 */ "grub\\.pbkdf2\\.sha512\\.[0-9]+\\.[0-9A-F]+\\.[0-9A-F]{128}",
];
