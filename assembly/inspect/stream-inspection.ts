import { EffectiveConfig } from "../policy/resolve";
import { splitTarget } from "../policy/glob";
import { nowNanos } from "../abi/clock";
import { HeaderPairs } from "../abi/header-pairs";
import { logAt, logEnabled, Level } from "../abi/log";
import { JsonWriter } from "../util/json-writer";
import { FilterMetrics, LabelledSeries } from "../filter/metrics";
import { PluginConfig } from "../config/plugin-config";
import { Inspection } from "./inspection";
import { MessageInspection, Finding } from "./message-inspection";
import { findingRecord } from "./finding-record";
import { messageSummary, bodyMetadata, exploitValues, millis } from "./record-parts";
import { requestFacts } from "./request-facts";
import { transactionLabels, stripPort, isExploit } from "./labels";
import { Verdict, blockedCategory, headerRedactions } from "./verdict";
import { extractToken, tokenSource, responseTokenSource, TokenMetadata } from "../token/index";
import { HostServiceEnvironment } from "./host-environment";
import { collectHeaders, collectEnv } from "./collection";
import { ACTION_NAMES } from "../policy/match-config";
import { resolveServiceIdentity } from "../policy/service-identity";
import { SbacEvaluation, TransactionFacts, policyPathParts, STAGE_PRE_REQUEST_HEADERS, STAGE_POST_REQUEST_HEADERS, STAGE_POST_REQUEST_BODY, STAGE_POST_RESPONSE_HEADERS, STAGE_POST_RESPONSE_BODY } from "./sbac-evaluation";
import { Part } from "../matching/candidate";

/**
 * Inspection of one HTTP exchange: resolves the effective configuration at request headers
 * (spec §4.3), inspects the request and then the response, and reports each message's
 * findings when it ends — as debug-log records (spec §8.1: "reports go … to the debug log")
 * and as metrics (§8.4). The inspection (policy + automaton) is the one active when the
 * stream started, so a policy swap never changes a stream half-way.
 */
export class StreamInspection {
  effective: EffectiveConfig | null = null;
  request: MessageInspection | null = null;
  response: MessageInspection | null = null;
  private labels: string = "";
  /** The metric series under `labels`. */
  private series: LabelledSeries | null = null;
  private outbound: bool = false;
  // spec §8.4 timings: first request header → end of request body → end of response body
  private startNs: u64 = 0;
  private requestEndNs: u64 = 0;
  private responseEndNs: u64 = 0;
  /** Time spent in parsers and matchers. */
  private matchNs: u64 = 0;
  /** The response status, set by the stream ("none" when no response headers came). */
  status: string = "none";
  /** The extracted token (spec §4.4), or null; its metadata. */
  token: string | null = null;
  tokenMetadata: Array<TokenMetadata> = [];
  private sourceAddress: string = "";
  private localService: string = "";
  private peerService: string = "";
  /** Collected headers (§8.2) as JSON objects, captured while the maps are reachable. */
  private requestHeadersJson: string = "{}";
  private responseHeadersJson: string = "{}";
  /** The highest action among all findings (§8.1): -1 none, else an Action. */
  private highestAction: i32 = -1;
  /** Documents (blob_idx) of each body that hold a match: body extractors keep only those (§4.5). */
  private requestBlobs: Array<i32> = [];
  private responseBlobs: Array<i32> = [];
  /** SBAC items of the policy, with what the transaction knows so far; null without items. */
  private sbac: SbacEvaluation | null = null;

  constructor(private inspection: Inspection, private config: PluginConfig, private metrics: FilterMetrics) {}

  requestHeaders(headers: HeaderPairs, endOfStream: bool): Verdict {
    this.startNs = nowNanos();
    const authority = headers.find(":authority");
    const path = headers.find(":path");
    const facts = requestFacts(headers, this.config);
    this.outbound = facts.outbound;
    this.sourceAddress = facts.sourceAddress;
    // records go to the debug log (no upstream yet), so they are collected only when it is on
    if (logEnabled(Level.Debug)) this.requestHeadersJson = collectHeaders(headers, this.inspection.policy, false);
    // §6.3: who is talking to whom, for service filters and the service labels
    const policy = this.inspection.policy;
    const host = new HostServiceEnvironment();
    facts.localService = resolveServiceIdentity(policy.localServiceName, host, true, facts.outbound);
    facts.peerService = resolveServiceIdentity(policy.peerServiceName, host, false, facts.outbound);
    this.localService = facts.localService!.canonical;
    this.peerService = facts.peerService!.canonical;
    const target = splitTarget(authority.length > 0 ? authority : headers.find("host"), path);
    let effective = this.inspection.resolve(target, facts);
    const extractor = effective.tokenExtractor;
    if (extractor !== null) {
      const result = extractToken(extractor, tokenSource(extractor, facts.headerNames, facts.headerValues));
      this.token = result.token;
      this.tokenMetadata = result.metadata;
      // endpoint filters may test the token (§6.1 `token`): resolve again now that it is known
      if (result.token !== null) {
        facts.token = result.token;
        effective = this.inspection.resolve(target, facts);
      }
    }
    this.effective = effective;
    const items = this.inspection.policy.sbac;
    if (items.length > 0) {
      const tf = new TransactionFacts();
      tf.request = facts;
      tf.target = target;
      tf.policyPathParts = policyPathParts(effective.policyPath);
      this.sbac = new SbacEvaluation(items, tf);
    }
    this.labels = transactionLabels(this.config, effective.policyPath, this.localService, this.peerService, this.outbound, this.identity(this.sourceAddress), this.identity(this.token));
    const m = new MessageInspection(this.inspection, false, this.config.maxBodyBytes, this.config.brotliWindowBytes);
    this.request = m;
    const sbac = this.sbac;
    if (sbac !== null) {
      const rule = sbac.check(STAGE_PRE_REQUEST_HEADERS) || sbac.check(STAGE_POST_REQUEST_HEADERS);
      if (rule.length > 0) { const v = new Verdict(); v.blockRule = rule; return v; }
    }
    return this.beginMessage(m, effective, headers, endOfStream);
  }

  /** Scans the headers, reports their findings, and says what the headers callback must do. */
  private beginMessage(m: MessageInspection, effective: EffectiveConfig, headers: HeaderPairs, endOfStream: bool): Verdict {
    const t0 = nowNanos();
    m.begin(effective, headers);
    this.matchNs += nowNanos() - t0;
    const verdict = new Verdict();
    const found = m.headerFindings;
    if (found.length > 0) {
      this.report(found, m.isResponse);
      verdict.blockCategory = blockedCategory(found);
      if (verdict.blockCategory.length == 0) headerRedactions(found, verdict.headerNames, verdict.headerValues, headers);
    }
    if (verdict.blocks) return verdict;
    const sbac = this.sbac;
    if (endOfStream) {
      const findings = this.finishAndReport(m);
      if (sbac !== null) verdict.blockRule = this.checkAfterBody(m, findings);
      return verdict;
    }
    // an SBAC item that can fire at this message's body stages holds the body (§6.4)
    if (sbac !== null && sbac.canFireFrom(m.isResponse ? STAGE_POST_RESPONSE_HEADERS + 1 : STAGE_POST_REQUEST_HEADERS + 1)) m.enforceBody = true;
    verdict.holdBody = m.enforceBody;
    verdict.dropContentLength = m.redactsBody;
    verdict.dropContentEncoding = m.decodedCopy !== null;
    return verdict;
  }

  /**
   * Decides an enforced body (spec §7.6, §7.8): at its end, or when the held part reached
   * max_buffer_bytes (then the rest goes on scanned but unenforced). `held` is the body as held
   * by the host; the result says block, or the body to send instead.
   */
  enforce(isResponse: bool, held: Uint8Array, endOfStream: bool): Verdict {
    const verdict = new Verdict();
    const m = isResponse ? this.response : this.request;
    if (m === null) return verdict;
    let findings: Array<Finding>;
    if (endOfStream) {
      findings = this.finishAndReport(m);
    } else {
      m.enforcementTruncated = true;
      findings = m.findingsSoFar();
    }
    verdict.blockCategory = blockedCategory(findings);
    if (!verdict.blocks && endOfStream && this.sbac !== null) verdict.blockRule = this.checkAfterBody(m, findings);
    if (!verdict.blocks) verdict.body = m.redactedBody(findings, held);
    return verdict;
  }

  /** Match counts are final: record them for the *_matches leaves and check post_*_body (§6.4). */
  private checkAfterBody(m: MessageInspection, bodyFindings: Array<Finding>): string {
    const sbac = this.sbac!;
    const all = m.headerFindings.concat(bodyFindings);
    if (m.isResponse) sbac.facts.responseMatches = all; else sbac.facts.requestMatches = all;
    return sbac.check(m.isResponse ? STAGE_POST_RESPONSE_BODY : STAGE_POST_REQUEST_BODY);
  }

  /** A request body chunk. An enforced body is finished by enforce(), not here (`finishAtEnd` false). */
  requestBody(ptr: usize, len: i32, endOfStream: bool, finishAtEnd: bool = true): void {
    const m = this.request;
    if (m === null) return;
    const t0 = nowNanos();
    m.body(ptr, len, endOfStream);
    this.matchNs += nowNanos() - t0;
    if (endOfStream && finishAtEnd) this.finish(m);
  }

  requestEnd(): void {
    const m = this.request;
    if (m !== null) this.finish(m);
  }

  responseHeaders(headers: HeaderPairs, endOfStream: bool): Verdict {
    const effective = this.effective;
    if (effective === null) return new Verdict(); // the request was never seen: nothing resolved it
    this.requestEnd();
    if (logEnabled(Level.Debug)) this.responseHeadersJson = collectHeaders(headers, this.inspection.policy, true);
    // a response-side token exists only from response headers on (§4.4)
    const extractor = effective.tokenExtractor;
    if (extractor !== null && this.token === null) {
      const names = new Array<string>(), values = new Array<string>();
      headers.rewind();
      while (headers.next()) { names.push(headers.key()); values.push(headers.value()); }
      headers.rewind();
      const result = extractToken(extractor, responseTokenSource(extractor, names, values));
      if (result.token !== null) { this.token = result.token; this.tokenMetadata = result.metadata; }
    }
    const m = new MessageInspection(this.inspection, true, this.config.maxBodyBytes, this.config.brotliWindowBytes);
    this.response = m;
    const sbac = this.sbac;
    if (sbac !== null) {
      const tf = sbac.facts;
      headers.rewind();
      while (headers.next()) { tf.responseHeaderNames.push(headers.key()); tf.responseHeaderValues.push(headers.value()); }
      headers.rewind();
      const rule = sbac.check(STAGE_POST_RESPONSE_HEADERS);
      if (rule.length > 0) { const v = new Verdict(); v.blockRule = rule; return v; }
    }
    return this.beginMessage(m, effective, headers, endOfStream);
  }

  /** The per-transaction record of spec §8.1 (all but body extractors). */
  private transactionRecord(): string {
    const effective = this.effective!;
    let metadata = new JsonWriter().begin();
    for (let i = 0; i < this.tokenMetadata.length; i++) metadata = metadata.str(this.tokenMetadata[i].name, this.tokenMetadata[i].value);
    const req = this.request, res = this.response;
    const w = new JsonWriter().begin()
      .str("policy_id", "local")
      .str("policy_path", effective.policyPath)
      .str("local_service", this.localService)
      .str("peer_service", this.peerService)
      .str("ip", stripPort(this.sourceAddress));
    const token = this.token;
    if (token === null) w.nul("token"); else w.str("token", token!);
    w.raw("token_metadata", metadata.end())
      .bool("is_outbound", this.outbound)
      .str("status", this.status)
      .int("request_time_ms", <i64>millis((this.requestEndNs > 0 ? this.requestEndNs : this.startNs) - this.startNs))
      .int("response_time_ms", this.responseEndNs > this.requestEndNs && this.requestEndNs > 0 ? <i64>millis(this.responseEndNs - this.requestEndNs) : 0)
      .int("match_time_us", <i64>(this.matchNs / 1000))
      .int("request_size", req === null ? 0 : req.bodyBytes)
      .int("response_size", res === null ? 0 : res.bodyBytes)
      .raw("request_headers", this.requestHeadersJson)
      .raw("response_headers", this.responseHeadersJson)
      .raw("env", collectEnv(this.inspection.policy))
      .raw("request_body_metadata", bodyMetadata(req, this.requestBlobs))
      .raw("response_body_metadata", bodyMetadata(res, this.responseBlobs))
      .raw("request_ed", exploitValues(req))
      .raw("response_ed", exploitValues(res))
      .bool("truncated", (req !== null && req.truncated) || (res !== null && res.truncated))
      .str("unscanned_encoding", res !== null && res.unscannedEncoding.length > 0 ? res.unscannedEncoding : req !== null ? req.unscannedEncoding : "");
    return w.str("action", this.highestAction < 0 ? "none" : ACTION_NAMES[this.highestAction]).end();
  }

  /** The metric series under `labels`, looked up once per stream. */
  private labelledSeries(): LabelledSeries {
    let series = this.series;
    if (series === null) { series = this.metrics.seriesUnder(this.labels); this.series = series; }
    return series!;
  }

  /** ip and token label values: empty unless metrics_identity_labels (spec §8.4 Decision). */
  private identity(value: string | null): string {
    return this.config.metricsIdentityLabels && value !== null ? value! : "";
  }

  responseBody(ptr: usize, len: i32, endOfStream: bool, finishAtEnd: bool = true): void {
    const m = this.response;
    if (m === null) return;
    const t0 = nowNanos();
    m.body(ptr, len, endOfStream);
    this.matchNs += nowNanos() - t0;
    if (endOfStream && finishAtEnd) this.finish(m);
  }

  responseEnd(): void {
    const m = this.response;
    if (m !== null) this.finish(m);
  }

  /** The stream is over (access log): report what is still open, record the transaction, free the matchers. */
  close(): void {
    if (this.effective === null) return; // never saw the request, or closed already
    this.requestEnd();
    this.responseEnd();
    const req = this.request, res = this.response;
    if (this.config.enableMetrics) {
      const requestEnd = this.requestEndNs > 0 ? this.requestEndNs : this.startNs;
      const responseEnd = this.responseEndNs > 0 ? this.responseEndNs : requestEnd;
      this.metrics.transactionSeries(this.labelledSeries(), this.status,
        millis(requestEnd - this.startNs), millis(responseEnd - requestEnd), millis(this.matchNs),
        req === null ? 0 : <u64>req.bodyBytes, res === null ? 0 : <u64>res.bodyBytes);
    }
    if (logEnabled(Level.Debug)) logAt(Level.Debug, "leakscope transaction " + this.transactionRecord());
    this.effective = null;
    if (req !== null) req.close();
    if (res !== null) res.close();
    this.request = null;
    this.response = null;
  }

  private finish(m: MessageInspection): void {
    this.finishAndReport(m);
  }

  private finishAndReport(m: MessageInspection): Array<Finding> {
    if (m.finished) return [];
    const t0 = nowNanos();
    const findings = m.finish();
    const t1 = nowNanos();
    this.matchNs += t1 - t0;
    if (m.isResponse) this.responseEndNs = t1; else this.requestEndNs = t1;
    this.report(findings, m.isResponse);
    if (logEnabled(Level.Debug)) logAt(Level.Debug, "leakscope message " + messageSummary(m, findings.length + m.headerFindings.length));
    return findings;
  }

  /** Debug-log records (spec §8.1) and metrics (§8.4) for findings. */
  private report(findings: Array<Finding>, isResponse: bool): void {
    if (findings.length == 0) return;
    const blobs = isResponse ? this.responseBlobs : this.requestBlobs;
    for (let i = 0; i < findings.length; i++) {
      const a = <i32>findings[i].entry.config.action;
      if (a > this.highestAction) this.highestAction = a;
      const blob = findings[i].candidate.blobIdx;
      if (findings[i].candidate.part == Part.Body && !blobs.includes(blob)) blobs.push(blob);
    }
    if (logEnabled(Level.Debug)) {
      for (let i = 0; i < findings.length; i++) logAt(Level.Debug, "leakscope match " + findingRecord(findings[i], isResponse));
    }
    this.count(findings, isResponse);
  }

  /** Metrics per (category, in_header) of this message (§8.4), and the per-category rate counter. */
  private count(findings: Array<Finding>, isResponse: bool): void {
    const names = new Array<string>();
    const inHeader = new Array<bool>();
    const exploit = new Array<bool>();
    const counts = new Array<i32>();
    for (let i = 0; i < findings.length; i++) {
      const name = findings[i].entry.config.name;
      const header = findings[i].candidate.part == Part.Header;
      let k = 0;
      while (k < names.length && !(names[k] == name && inHeader[k] == header)) k++;
      if (k == names.length) {
        const category = findings[i].entry.config.category;
        names.push(name); inHeader.push(header); counts.push(0);
        exploit.push(isExploit(name, category === null ? "" : category!.tag));
      }
      counts[k]++;
    }
    for (let k = 0; k < names.length; k++) {
      if (this.config.enableMetrics) this.metrics.matchCount(this.labelledSeries(), names[k], isResponse, inHeader[k], counts[k]);
      this.metrics.matches(names[k], exploit[k], counts[k]);
    }
  }
}
