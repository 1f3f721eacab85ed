namespace MlNode.Simulator.Faults;

/// <summary>The faults the simulator can inject (see <see cref="Fault"/> for the command-line syntax).</summary>
public enum FaultKind
{
    /// <summary><c>dishonest:&lt;fraction&gt;</c> or <c>dishonest:n1,n2,...</c>: those nonces get wrong vectors.</summary>
    Dishonest,

    /// <summary><c>lying</c>: the validation reply says fraud_detected=false whatever was computed.</summary>
    Lying,

    /// <summary>
    /// <c>lying-validator</c>: the validation reply is a clean, coherent pass (0 mismatches, p 1, no fraud) whatever was
    /// computed, while generation still returns the vectors the node computes: only checking its vectors catches it.
    /// </summary>
    LyingValidator,

    /// <summary>
    /// <c>replay-golden</c>: a proxy in front of the node answers every validation with a clean pass and remembers the
    /// vectors that validation carried; a later generation of those nonces is answered with them instead of what the
    /// node computes. Only asking for the node's own vectors before it is sent the golden ones catches it.
    /// </summary>
    ReplayGolden,

    /// <summary><c>incoherent</c>: the validation reply's n_total is off by one.</summary>
    Incoherent,

    /// <summary><c>slow-replica:&lt;factor&gt;</c>: the first replica generates at factor × the rate.</summary>
    SlowReplica,

    /// <summary><c>deploy-fails[:&lt;error&gt;]</c>: vLLM startup ends in status failed with that error.</summary>
    DeployFails,

    /// <summary><c>download-not-found</c>: a download flips back to NOT_FOUND half-way.</summary>
    DownloadNotFound,

    /// <summary><c>download-partial</c>: a download stops half-way and leaves PARTIAL.</summary>
    DownloadPartial,

    /// <summary><c>download-stuck</c>: a download stays DOWNLOADING forever.</summary>
    DownloadStuck,

    /// <summary><c>offline</c>: the node runs with HF_HUB_OFFLINE; downloads answer IGNORED.</summary>
    Offline,

    /// <summary><c>no-backends</c>: vLLM reports running but the proxy has no healthy backend.</summary>
    NoBackends,

    /// <summary><c>init-503:&lt;n&gt;</c>: the first n /pow/init/generate calls answer 503.</summary>
    Init503,

    /// <summary><c>transient:&lt;rate&gt;[@path]</c>: that share of API calls answers 502 or 503.</summary>
    Transient,

    /// <summary><c>hang[@path]</c>: matching calls never answer.</summary>
    Hang,

    /// <summary><c>garbage[@path]</c>: matching calls answer 200 with an HTML body.</summary>
    Garbage,

    /// <summary><c>drop[@path]</c>: matching calls lose their connection without an answer.</summary>
    Drop,

    /// <summary><c>drop-first:&lt;n&gt;[@path]</c>: the first n matching calls lose their connection without an answer; later ones are served.</summary>
    DropFirst,

    /// <summary>
    /// <c>unreachable-backend[:&lt;port&gt;]</c>: /pow/status also lists a backend the proxy cannot reach (status ERROR,
    /// detail "connection refused", port 5999 unless given); init/generate and /pow/generate use the healthy ones only.
    /// </summary>
    UnreachableBackend,

    /// <summary><c>replica-dies:&lt;seconds&gt;</c>: the first replica goes to ERROR that many seconds after generation started.</summary>
    ReplicaDies,

    /// <summary>
    /// <c>hostile-error[@path]</c>: matching calls answer 500 with a detail that carries control characters, a
    /// terminal escape, a forged <c>ERROR:</c> line and CI commands (GitHub, Azure, TeamCity): what a hostile node sends.
    /// </summary>
    HostileError,

    /// <summary>
    /// <c>misreported-throughput:&lt;how&gt;</c>: /pow/status lies about generating replicas: <c>counters-x1000</c>
    /// (total_processed multiplied by 1000), <c>nan-rate</c> or <c>negative-rate</c> (nonces_per_second).
    /// </summary>
    MisreportedThroughput,

    /// <summary><c>slow:&lt;milliseconds&gt;[@path]</c>: matching calls answer that much later.</summary>
    Slow,

    /// <summary><c>lost-reply[@path]</c>: matching calls are carried out, but a gateway answers 502 instead of the reply.</summary>
    LostReply,

    /// <summary>
    /// <c>no-chunked[@path]</c>: a strict gateway in front of the node refuses a request body sent chunked (without
    /// Content-Length) with 411 Length Required, as some reverse proxies and load balancers do.
    /// </summary>
    NoChunked,

    /// <summary>
    /// <c>huge-reply:&lt;MiB&gt;[@path]</c>: matching calls answer 200 with a JSON object padded to that many MiB, streamed
    /// (the simulator holds none of it): what a broken or hostile proxy sends.
    /// </summary>
    HugeReply,

    /// <summary>
    /// <c>redirect:[&lt;status&gt;:]&lt;location&gt;[@path]</c>: matching calls answer 302 (or the 3xx status given) with that
    /// Location, of any scheme (e.g. <c>redirect:file:///etc/passwd</c>, <c>redirect:303:http://127.0.0.1:9/</c>).
    /// </summary>
    Redirect,

    /// <summary>
    /// <c>first-in-batch[:&lt;batch&gt;]</c>: the first nonce of every batch (nonce mod batch == 0; the batch sent, else the
    /// node's default) is computed wrong, as by the PoC plugin's defect before gonka-poc 0.1.6.
    /// </summary>
    FirstInBatch,

    /// <summary><c>broken-vectors</c>: every vector the node computes is all zeros (a broken kernel or model load).</summary>
    BrokenVectors,

    /// <summary>
    /// <c>prefill-only</c>: the proxy in front of the plugin is prefill-only (decode-poc.md): its strict params model
    /// answers 422 to <c>decode</c>, <c>max_tokens</c> and <c>scheme</c>.
    /// </summary>
    PrefillOnly,

    /// <summary>
    /// <c>unscored:&lt;n&gt;</c>: a decode validation cannot score its first n nonces (decode-poc.md): they are excluded,
    /// or, beyond max(1, 10 %) of the nonces, the validation is aborted with 503.
    /// </summary>
    Unscored,

    /// <summary>
    /// <c>no-abort</c>: past max(1, 10 %) unscored nonces (<c>unscored:&lt;n&gt;</c>) the node answers a verdict on the
    /// rest instead of 503 "validation aborted", as a proxy or a plugin that does not keep the rule would.
    /// </summary>
    NoAbort,
}
