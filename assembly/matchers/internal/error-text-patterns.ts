// internal `error_text` (spec §3.3): one regex per error family, in the order of ERROR_TYPES
// (assembly/policy/internal.ts). Where a signature is "X, then within N bytes Y", the
// automaton matches X and a validator (error-text-follow.ts) finds Y; see ERROR_TEXT_FOLLOW.

export const ERROR_TEXT_PATTERNS: Array<string> = [
  /* js_error */ "(?:Type|Reference|Syntax|Range)Error: ",
  /* py_error */ "Traceback \\(most recent call last\\):",
  /* java_error */ "Exception in thread \"|\\n\\s*at [\\w$.]+\\([\\w$]+\\.java:\\d+\\)",
  /* rust_error */ "thread '[^']*' panicked at ",
  /* ruby_error */ "\\.rb:\\d+:in [`']",
  /* go_error */ "panic: ",
  /* php_error */ "(?:Fatal error|Parse error|Warning): ",
  /* mysql_error */ "You have an error in your SQL syntax|SQLSTATE\\[\\w+\\]",
  /* postgres_error */ "ERROR:  syntax error at or near|PG::\\w+Error",
  /* redis_error */ "WRONGTYPE Operation against a key|ERR unknown command",
  /* mongodb_error */ "MongoServerError|MongoError:|E11000 duplicate key error",
  /* type_error */ "TypeError:",
  /* uncaught */ "Uncaught ",
  /* socket_error */ "ECONNREFUSED|ECONNRESET|[Ss]ocket error",
  /* operation_not_supported */ "Operation not supported",
  /* callback */ "callback is not a function|Callback was already called",
  /* segfault */ "Segmentation fault",
  /* runtime_error */ "RuntimeError|runtime error: ",
  /* out_of_memory */ "OutOfMemoryError|[Oo]ut of memory",
  /* permission_denied */ "Permission denied|EACCES",
  /* command_not_found */ ": command not found",
  /* js_unknown_argument */ "Unknown argument",
  /* js_invalid_invocation */ "Illegal invocation",
  /* js_bug_message */ "This is a bug in",
  /* envoy_segfault */ "Caught Segmentation fault, suspect faulting address",
];

/** Which error types need a follow-up check after their automaton match (index = type id). */
export const enum ErrorFollow { None, Js, Go, Php }
export const ERROR_TEXT_FOLLOW: Array<ErrorFollow> = [
  ErrorFollow.Js, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.Go, ErrorFollow.Php,
  ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None,
  ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None,
  ErrorFollow.None, ErrorFollow.None, ErrorFollow.None, ErrorFollow.None,
];
