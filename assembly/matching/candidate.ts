import { ContextKind } from "../pipeline/context-sink";

/** Where in a message a context is (spec §8.1 `part`). */
export const enum Part { Body, Header }

/**
 * A candidate that survived its plan's validators, excepts and `and` (spec §3.6 steps 2–4).
 * Offsets are raw offsets in the (content-decoded) body or the header value.
 */
export class Candidate {
  constructor(
    public plan: i32,
    /** Ordinal of the context within the message (correlate gaps do not cross header values). */
    public context: i32,
    public kind: ContextKind,
    public part: Part,
    public header: string,
    public blobIdx: i32,
    public rawStart: i64,
    public rawEnd: i64,
    public text: string,
    public path: string,
    /** Emitted by `values_key` (§7.2): the value under a key that matched; only values_key entries see it. */
    public viaValuesKey: bool = false,
    /** Raw offset where the candidate's context starts (redaction needs to know JSON strings from numbers). */
    public contextRawStart: i64 = -1,
  ) {}
}
