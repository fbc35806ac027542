#include "demo/demodata.h"

#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "util/clock.h"

#include <QDate>

#include <algorithm>
#include <array>

namespace burnrate {

namespace {

constexpr std::int64_t MsPerMinute = 60'000;
constexpr std::int64_t MsPerHour = 60 * MsPerMinute;
constexpr int DemoDays = 31;
constexpr int ConversationCount = 20;

// splitmix64: tiny, fast and, unlike the standard distributions, the same on every platform.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed)
    {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi].
    std::int64_t range(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool percent(int p) { return range(0, 99) < p; }
    // `value` ± `spreadPct` %.
    std::int64_t jitter(std::int64_t value, int spreadPct)
    {
        return value + value * range(-spreadPct, spreadPct) / 100;
    }
    QString hex(int digits)
    {
        return QString::number(next() >> 8, 16).rightJustified(digits, QLatin1Char('0')).right(digits);
    }

private:
    std::uint64_t m_state;
};

// clang-format off
enum class Model { Sonnet, Opus, Haiku, Gpt5, Gpt5Mini, O3, DeepseekChat, DeepseekReasoner, GeminiFlash, Orbit };
// clang-format on

struct ModelInfo
{
    const char *provider;
    const char *name;
    bool priced;
    // List prices in nano-USD per token ($3 per million tokens = 3000).
    std::int64_t input, cacheRead, cacheWrite5m, cacheWrite1h, output;
    bool separateCacheWrites; // Anthropic bills cache writes; the others only discount cache reads
    int reasoningPct;         // share of the output spent on reasoning
    int tokensPerSecond;
};

// Indexed by Model. "nova-labs/orbit-1-preview" is made up and deliberately has no price.
constexpr ModelInfo Models[] = {
    {"anthropic", "claude-sonnet-4-5", true, 3000, 300, 3750, 6000, 15000, true, 0, 60},
    {"anthropic", "claude-opus-4-5", true, 5000, 500, 6250, 10000, 25000, true, 0, 40},
    {"anthropic", "claude-haiku-4-5", true, 1000, 100, 1250, 2000, 5000, true, 0, 130},
    {"openai", "gpt-5", true, 1250, 125, 0, 0, 10000, false, 45, 70},
    {"openai", "gpt-5-mini", true, 250, 25, 0, 0, 2000, false, 35, 120},
    {"openai", "o3", true, 2000, 500, 0, 0, 8000, false, 70, 60},
    {"deepseek", "deepseek-chat", true, 280, 28, 0, 0, 420, false, 0, 40},
    {"deepseek", "deepseek-reasoner", true, 280, 28, 0, 0, 420, false, 60, 35},
    {"openrouter", "google/gemini-2.5-flash", true, 300, 30, 0, 0, 2500, false, 0, 150},
    {"openrouter", "nova-labs/orbit-1-preview", false, 0, 0, 0, 0, 0, false, 0, 80},
};

const ModelInfo &info(Model m)
{
    return Models[static_cast<int>(m)];
}

struct Step
{
    Model model;
    std::int64_t inputMin, inputMax; // total input tokens
    int cachedPct;                   // share of the input read from the cache
    std::int64_t outputMin, outputMax;
    int toolsMax;
};

struct Workflow
{
    const char *type;
    const char *agent;
    const char *feature;
    const char *project;
    const char *team;
    std::array<Step, 4> steps;
    int stepCount;
    int weekdayRunsMin, weekdayRunsMax, weekendRunsMin, weekendRunsMax;
    int hourFrom, hourTo;                    // local hours in which runs start
    int acceptedPct, editedPct, rejectedPct; // the rest is escalated
};

// Per workflow: type, agent, feature, project, team; steps {model, input min/max, cached %, output min/max, tool
// calls max} and their count; runs per weekday min/max and weekend day min/max; local start hours from/to; outcome
// percentages accepted/edited/rejected.
// clang-format off
const Workflow Workflows[] = {
    {"customer_support_reply", "support-agent-v2", "support", "helpdesk", "support",
     {{{Model::Haiku, 1500, 3200, 40, 20, 90, 0},
       {Model::Sonnet, 6000, 16000, 65, 250, 950, 3}}}, 2,
     14, 26, 4, 9, 7, 21, 62, 24, 9},
    {"invoice_extraction", "extractor-v1", "extract", "billing-pipeline", "finance",
     {{{Model::Gpt5Mini, 8000, 22000, 70, 400, 1600, 1},
       {Model::Gpt5Mini, 2500, 5000, 50, 80, 300, 0}}}, 2,
     9, 18, 0, 3, 8, 19, 86, 8, 4},
    {"code_review", "reviewer", "pr-review", "checkout-service", "platform",
     {{{Model::O3, 18000, 60000, 30, 2500, 11000, 8},
       {Model::Gpt5, 4000, 9000, 40, 400, 1400, 1}}}, 2,
     3, 8, 0, 1, 9, 19, 70, 18, 10},
    {"nightly_digest", "digest-bot", "digest", "data-warehouse", "data",
     {{{Model::DeepseekChat, 30000, 60000, 50, 1200, 3000, 2},
       {Model::DeepseekChat, 30000, 60000, 50, 1200, 3000, 2},
       {Model::DeepseekChat, 20000, 40000, 50, 900, 2400, 1},
       {Model::DeepseekReasoner, 8000, 16000, 20, 2000, 6000, 0}}}, 4,
     1, 1, 1, 1, 2, 3, 90, 6, 4},
    {"research_brief", "researcher", "research", "market-notes", "strategy",
     {{{Model::GeminiFlash, 20000, 80000, 20, 1000, 4000, 5},
       {Model::Orbit, 10000, 30000, 0, 800, 2200, 0}}}, 2,
     2, 4, 0, 1, 9, 18, 75, 15, 6},
};
// clang-format on

const char *const ConversationProjects[] = {"burnrate", "checkout-service", "docs-site", "mobile-app", "infra"};

std::optional<std::int64_t> costOf(const ModelInfo &m, const TokenCounts &t)
{
    if (!m.priced) {
        return std::nullopt;
    }
    return t.inputUncached * m.input + t.cacheRead * m.cacheRead + t.cacheWrite5m * m.cacheWrite5m +
           t.cacheWrite1h * m.cacheWrite1h + t.output * m.output;
}

class Generator
{
public:
    Generator(Ledger &ledger, EventWriter &writer, quint32 seed, std::int64_t nowMs)
        : m_ledger(ledger)
        , m_writer(writer)
        , m_rng(0x5EED0000'00000000ull ^ seed)
        , m_nowMs(nowMs)
        , m_lastDay(ledger.calendar().dateOf(nowMs))
        , m_firstDay(m_lastDay.addDays(-(DemoDays - 1)))
    {}

    Result<DemoSummary> run()
    {
        for (const Workflow &wf : Workflows) {
            for (QDate day = m_firstDay; day <= m_lastDay; day = day.addDays(1)) {
                if (auto st = workflowDay(wf, day); !st) {
                    return Result<DemoSummary>::failure(st.error());
                }
            }
        }
        for (int i = 0; i < ConversationCount; ++i) {
            if (auto st = conversation(); !st) {
                return Result<DemoSummary>::failure(st.error());
            }
        }
        return m_summary;
    }

private:
    std::int64_t localTimeMs(QDate day, std::int64_t hour)
    {
        return m_ledger.calendar().startOfDayUtcMs(day) + hour * MsPerHour + m_rng.range(0, MsPerHour - 1);
    }

    // Splits `input` total tokens, `cached` of them read from the cache, into the provider's classes.
    static void setTokens(EventRecord &e, const ModelInfo &m, std::int64_t input, std::int64_t cached,
                          std::int64_t written, std::int64_t output)
    {
        e.tokens.cacheRead = cached;
        e.tokens.cacheWrite5m = m.separateCacheWrites ? written : 0;
        e.tokens.inputUncached = input - cached - e.tokens.cacheWrite5m;
        e.tokens.output = output;
        e.tokens.reasoning = output * m.reasoningPct / 100;
    }

    std::int64_t latencyOf(const ModelInfo &m, const EventRecord &e)
    {
        const std::int64_t input = e.tokens.total() - e.tokens.output;
        return m_rng.jitter(250 + input / 40 + e.tokens.output * 1000 / m.tokensPerSecond, 20);
    }

    Status store(EventRecord &e, const ModelInfo &m)
    {
        e.source = demoSourceName();
        e.sourceKey = QStringLiteral("demo-%1").arg(m_serial++, 6, 10, QLatin1Char('0'));
        e.provider = QLatin1String(m.provider);
        e.model = QLatin1String(m.name);
        e.costNano = costOf(m, e.tokens);
        e.reportedCostNano = e.costNano;
        if (e.costNano) {
            e.priceRef = demoSourceName();
        }
        e.payloadBytes = (e.tokens.total() - e.tokens.output) * 4 + m_rng.range(200, 2000);
        e.endedAtMs = e.occurredAtMs + e.latencyMs.value_or(0);
        auto stored = m_writer.upsert(e);
        if (!stored) {
            return Status::failure(stored.error());
        }
        ++m_summary.events;
        m_summary.costNano += e.costNano.value_or(0);
        m_summary.unpricedEvents += e.costNano ? 0 : 1;
        m_summary.firstAtMs = m_summary.events == 1 ? e.occurredAtMs : std::min(m_summary.firstAtMs, e.occurredAtMs);
        m_summary.lastAtMs = std::max(m_summary.lastAtMs, e.occurredAtMs);
        return okStatus();
    }

    Status workflowDay(const Workflow &wf, QDate day)
    {
        const bool weekend = day.dayOfWeek() >= Qt::Saturday;
        const std::int64_t runs = weekend ? m_rng.range(wf.weekendRunsMin, wf.weekendRunsMax)
                                          : m_rng.range(wf.weekdayRunsMin, wf.weekdayRunsMax);
        for (std::int64_t r = 0; r < runs; ++r) {
            std::int64_t at = localTimeMs(day, m_rng.range(wf.hourFrom, wf.hourTo));
            if (at > m_nowMs) {
                continue;
            }
            ++m_summary.workflowRuns;
            const QString runId = QStringLiteral("wf-%1").arg(m_rng.hex(10));
            const QString user = QStringLiteral("u_%1").arg(m_rng.range(100, 160));
            const QString prompt = QStringLiteral("%1-v%2").arg(QLatin1String(wf.feature)).arg(m_rng.range(3, 4));
            for (int s = 0; s < wf.stepCount && at <= m_nowMs; ++s) {
                const Step &step = wf.steps[static_cast<std::size_t>(s)];
                const ModelInfo &m = info(step.model);
                EventRecord e;
                e.occurredAtMs = at;
                e.workflowId = runId;
                e.workflowType = QLatin1String(wf.type);
                e.agent = QLatin1String(wf.agent);
                e.feature = QLatin1String(wf.feature);
                e.project = QLatin1String(wf.project);
                e.environment = QStringLiteral("prod");
                e.userId = user;
                e.promptVersion = prompt;
                e.tagsJson = QStringLiteral("{\"team\":\"%1\"}").arg(QLatin1String(wf.team));
                const std::int64_t input = m_rng.range(step.inputMin, step.inputMax);
                const std::int64_t cached = input * m_rng.jitter(step.cachedPct, 25) / 100;
                const std::int64_t written = s == 0 ? (input - cached) / 3 : 0;
                setTokens(e, m, input, cached, written, m_rng.range(step.outputMin, step.outputMax));
                e.toolCalls = m_rng.range(0, step.toolsMax);
                e.retries = m_rng.percent(9) ? (m_rng.percent(80) ? 1 : 2) : 0;
                e.latencyMs = latencyOf(m, e) * (1 + e.retries);
                const std::int64_t fate = m_rng.range(0, 99);
                const bool last = s + 1 == wf.stepCount;
                if (fate < 3) {
                    e.status = QStringLiteral("error");
                } else if (fate < 4) {
                    e.status = QStringLiteral("timeout");
                    e.latencyMs = 60'000 + m_rng.range(0, 60'000);
                } else {
                    e.status = QStringLiteral("success");
                    if (last) {
                        e.outcome = outcome(wf);
                    }
                }
                if (auto st = store(e, m); !st) {
                    return st;
                }
                if (e.status != QLatin1String("success")) {
                    break; // the run gives up
                }
                at = *e.endedAtMs + m_rng.range(50, 1500);
            }
        }
        return okStatus();
    }

    QString outcome(const Workflow &wf)
    {
        const std::int64_t roll = m_rng.range(0, 99);
        if (roll < wf.acceptedPct) {
            return QStringLiteral("accepted");
        }
        if (roll < wf.acceptedPct + wf.editedPct) {
            return QStringLiteral("edited");
        }
        if (roll < wf.acceptedPct + wf.editedPct + wf.rejectedPct) {
            return QStringLiteral("rejected");
        }
        return QStringLiteral("escalated");
    }

    // An interactive coding session: the context grows turn by turn and is read back from the
    // prompt cache; a long pause lets the cache expire, and a full context gets compacted.
    Status conversation()
    {
        static constexpr Model Picks[] = {Model::Sonnet, Model::Sonnet, Model::Sonnet,      Model::Sonnet,
                                          Model::Sonnet, Model::Opus,   Model::Opus,        Model::Gpt5,
                                          Model::Gpt5,   Model::Haiku,  Model::DeepseekChat};
        const Model model = Picks[m_rng.range(0, static_cast<std::int64_t>(std::size(Picks)) - 1)];
        const ModelInfo &m = info(model);
        const QString agent = model == Model::Gpt5           ? QStringLiteral("codex")
                              : model == Model::DeepseekChat ? QStringLiteral("chat-assistant")
                                                             : QStringLiteral("claude-code");
        const QString id = QStringLiteral("conv-%1").arg(m_rng.hex(8));
        const QString project = QLatin1String(
            ConversationProjects[m_rng.range(0, static_cast<std::int64_t>(std::size(ConversationProjects)) - 1)]);
        const QDate day = m_firstDay.addDays(m_rng.range(0, DemoDays - 1));
        std::int64_t at = localTimeMs(day, m_rng.range(8, 19));
        if (at > m_nowMs) {
            return okStatus();
        }
        ++m_summary.conversations;
        const std::int64_t turns = m_rng.range(12, 60);
        std::int64_t context = m_rng.range(12000, 22000);
        bool cold = true;
        for (std::int64_t t = 0; t < turns && at <= m_nowMs; ++t) {
            EventRecord e;
            e.occurredAtMs = at;
            e.conversationId = id;
            e.project = project;
            e.agent = agent;
            e.userId = QStringLiteral("me");
            e.environment = QStringLiteral("dev");
            const std::int64_t fresh = m_rng.range(60, 600);
            const std::int64_t growth = m_rng.range(800, 6000);
            const std::int64_t input = context + growth + fresh;
            const std::int64_t cached = cold ? 0 : context * (m.separateCacheWrites ? 100 : 90) / 100;
            const std::int64_t written = cold ? context + growth : growth;
            setTokens(e, m, input, cached, written, m_rng.range(120, 2600));
            e.toolCalls = m_rng.range(0, 4);
            e.latencyMs = latencyOf(m, e);
            e.status = QStringLiteral("success");
            if (auto st = store(e, m); !st) {
                return st;
            }
            context = input + e.tokens.output;
            cold = false;
            if (context > 170'000) {
                context = m_rng.range(15000, 25000); // compacted
                cold = true;
            }
            std::int64_t pause = m_rng.range(15'000, 4 * MsPerMinute);
            if (m_rng.percent(8)) {
                pause = m_rng.range(6 * MsPerMinute, 40 * MsPerMinute);
                cold = true; // the 5-minute cache has expired
            }
            at = *e.endedAtMs + pause;
        }
        return okStatus();
    }

    Ledger &m_ledger;
    EventWriter &m_writer;
    Rng m_rng;
    std::int64_t m_nowMs;
    QDate m_lastDay;
    QDate m_firstDay;
    std::int64_t m_serial = 1;
    DemoSummary m_summary;
};

} // namespace

Result<DemoSummary> generateDemoMonth(Ledger &ledger, const Clock &clock, quint32 seed)
{
    EventWriter writer(ledger.db(), ledger.calendar());
    Generator generator(ledger, writer, seed, clock.nowMs());
    auto summary = generator.run();
    if (!summary) {
        return summary;
    }
    if (auto st = writer.commit(); !st) {
        return Result<DemoSummary>::failure(st.error());
    }
    return summary;
}

} // namespace burnrate
