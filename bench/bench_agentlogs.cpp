// Claude Code log benchmark. Two commands:
//   generate --out DIR [--size 500000] [--sessions 200] [--projects 20] [--seed 42]
//       (--out is required; --size counts assistant lines, about 1.8 kB of log each, at most 5,000,000)
//       writes DIR/projects/<encoded cwd>/<session>.jsonl to the profile of docs/agent-logs.md §6 (about
//       900 MB: 500,000 assistant lines, 10 % of them duplicates: 40,000 content-block splits, a quarter
//       of them partial-then-final, and 10,000 copies into 20 resumed sessions; 450,000 user lines;
//       one file-history-snapshot per file; 1h cache writes in 80 % of sessions) and DIR/manifest.json
//       with the ground truth under the keep-max rule, known by construction.
//   report --data-dir DIR [--runs 21]
//       times `report --by conversation --top 20` in-process over an imported ledger.
// Prints one JSON object.
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "util/clock.h"
#include "util/localcalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace burnrate;

namespace {

class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_s(seed)
    {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::int64_t range(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(next() % std::uint64_t(hi - lo + 1));
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    void id(std::string &out, int n)
    {
        static const char Alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (int i = 0; i < n; ++i) {
            out += Alphabet[next() % (sizeof(Alphabet) - 1)];
        }
    }
    void hex(std::string &out, int n)
    {
        for (int i = 0; i < n; ++i) {
            out += "0123456789abcdef"[next() & 15];
        }
    }
    std::string uuid()
    {
        std::string u;
        hex(u, 8);
        u += '-';
        hex(u, 4);
        u += "-4";
        hex(u, 3);
        u += "-a";
        hex(u, 3);
        u += '-';
        hex(u, 12);
        return u;
    }

private:
    std::uint64_t m_s;
};

struct Totals
{
    std::int64_t input = 0, output = 0, cacheCreate = 0, cacheRead = 0;
    std::int64_t total() const { return input + output + cacheCreate + cacheRead; }
};

// Eight base58 digits of a millisecond time, so that later ids sort after earlier ones.
std::string base58Time(std::int64_t ms)
{
    static const char Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    std::string out(8, '1');
    auto v = static_cast<std::uint64_t>(ms);
    for (int i = 7; i >= 0; --i) {
        out[static_cast<size_t>(i)] = Alphabet[v % 58];
        v /= 58;
    }
    return out;
}

std::string timestamp(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs).toStdString();
}

std::string text(Rng &rng, size_t n)
{
    static const char *Words[] = {"the",     "function", "returns", "a",      "value",  "when",
                                  "build",   "passes",   "test",    "config", "module", "error",
                                  "handler", "cache",    "request", "file",   "line"};
    std::string t;
    while (t.size() < n) {
        t += Words[rng.next() % std::size(Words)];
        t += ' ';
    }
    return t;
}

struct Session
{
    std::string uuid, cwd, enc;
    std::int64_t start = 0;
    bool oneHour = true;
    std::vector<std::string> finals; // final assistant lines, for copies into a resumed session
};

int generate(const QString &out, int size, int sessions, int projects, std::uint64_t seed)
{
    Rng rng(seed);
    const int resumed = std::max(1, sessions / 10); // 20 resumed sessions
    const int copies = size / 50;                   // 10,000 copies
    const int splits = size * 2 / 25;               // 40,000 extra content-block lines
    const int unique = size - copies - splits;      // 450,000 responses
    const double splitShare = static_cast<double>(splits) / unique;
    const char *Models[] = {"claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-haiku-4-5-20251001"};
    std::vector<Session> all(static_cast<size_t>(sessions));
    std::vector<std::string> projectCwd(static_cast<size_t>(projects));
    for (int p = 0; p < projects; ++p) {
        std::string suffix;
        rng.id(suffix, 4);
        projectCwd[static_cast<size_t>(p)] = "/home/dev/src/proj-" + std::to_string(100 + p).substr(1) + "-" + suffix;
    }
    const std::int64_t day0 = 1790812800000LL; // 2026-10-01T00:00:00Z
    for (int s = 0; s < sessions; ++s) {
        Session &ss = all[static_cast<size_t>(s)];
        ss.uuid = rng.uuid();
        ss.cwd = projectCwd[static_cast<size_t>(s % projects)];
        ss.enc = ss.cwd;
        std::replace(ss.enc.begin(), ss.enc.end(), '/', '-');
        ss.start = day0 + rng.range(0, 30LL * 86400 * 1000);
        ss.oneHour = rng.unit() < 0.8;
    }
    Totals truth;
    std::int64_t bytes = 0, lines = 0, assistantLines = 0, splitDone = 0, partialGroups = 0;
    const std::string userText = text(rng, 470);
    const int perSession = unique / sessions;
    int made = 0;
    // Resumed sessions come last: they start with copies of earlier sessions' responses.
    for (int s = 0; s < sessions; ++s) {
        Session &ss = all[static_cast<size_t>(s)];
        std::string buf;
        buf.reserve(8u << 20);
        buf += R"({"type":"file-history-snapshot","messageId":")" + rng.uuid() +
               R"(","snapshot":{"messageId":"x","trackedFileBackups":{},"timestamp":")" + timestamp(ss.start) +
               R"("},"isSnapshotUpdate":false})"
               "\n";
        ++lines;
        if (s >= sessions - resumed) {
            const int per = copies / resumed + (s - (sessions - resumed) < copies % resumed ? 1 : 0);
            const Session &parent = all[static_cast<size_t>(s - resumed)];
            for (int c = 0; c < per && c < static_cast<int>(parent.finals.size()); ++c) {
                buf += parent.finals[static_cast<size_t>(c)];
                ++lines;
                ++assistantLines;
            }
        }
        const int count = s + 1 == sessions ? unique - made : perSession;
        made += count;
        std::string parentUuid = rng.uuid();
        for (int r = 0; r < count; ++r) {
            const std::int64_t at = ss.start + static_cast<std::int64_t>(r) * 55'000;
            const std::string userUuid = rng.uuid();
            buf +=
                R"({"parentUuid":")" + parentUuid + R"(","isSidechain":false,"userType":"external","cwd":")" + ss.cwd +
                R"(","sessionId":")" + ss.uuid +
                R"(","version":"2.1.38","gitBranch":"main","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_01)";
            rng.id(buf, 22);
            buf += R"(","type":"tool_result","content":")" + userText + R"("}]},"uuid":")" + userUuid +
                   R"(","timestamp":")" + timestamp(at) + "\"}\n";
            ++lines;
            const char *model = Models[rng.next() % 3];
            // Anthropic request ids grow with time (req_011CY… in February 2026, req_011Ce… in August);
            // message ids do not. Model both: a base58 time prefix, then random characters.
            std::string msg = "msg_01", req = "req_011C" + base58Time(at);
            rng.id(msg, 22);
            rng.id(req, 12);
            const std::int64_t input = rng.range(1, 600);
            const std::int64_t read = rng.range(1000, 120000);
            const std::int64_t create = rng.range(0, 1900);
            const std::int64_t output = rng.range(10, 700); // above any partial count
            const bool split = splitDone < splits && rng.unit() < splitShare * 1.02;
            const bool partial = split && rng.unit() < 0.25;
            const int blocks = split ? 2 : 1;
            splitDone += split ? 1 : 0;
            partialGroups += partial ? 1 : 0;
            std::string last;
            for (int b = 0; b < blocks; ++b) {
                const std::int64_t lineOutput = partial && b == 0 ? rng.range(1, 9) : output;
                std::string l =
                    R"({"parentUuid":")" + userUuid + R"(","isSidechain":false,"userType":"external","cwd":")" +
                    ss.cwd + R"(","sessionId":")" + ss.uuid +
                    R"(","version":"2.1.38","gitBranch":"main","message":{"model":")" + model + R"(","id":")" + msg +
                    R"(","type":"message","role":"assistant","content":[{"type":"text","text":")" + text(rng, 180) +
                    R"("}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":)" + std::to_string(input) +
                    R"(,"cache_creation_input_tokens":)" + std::to_string(create) + R"(,"cache_read_input_tokens":)" +
                    std::to_string(read) + R"(,"cache_creation":{"ephemeral_5m_input_tokens":)" +
                    std::to_string(ss.oneHour ? 0 : create) + R"(,"ephemeral_1h_input_tokens":)" +
                    std::to_string(ss.oneHour ? create : 0) + R"(},"output_tokens":)" + std::to_string(lineOutput) +
                    R"(,"service_tier":"standard"}},"requestId":")" + req + R"(","type":"assistant","uuid":")" +
                    rng.uuid() + R"(","timestamp":")" + timestamp(at + 2000 + b * 700) + "\"}\n";
                buf += l;
                ++lines;
                ++assistantLines;
                last = std::move(l);
            }
            parentUuid = userUuid;
            const bool isParent = s >= sessions - 2 * resumed && s < sessions - resumed;
            if (isParent && static_cast<int>(ss.finals.size()) < copies / resumed + 1) {
                ss.finals.push_back(last);
            }
            truth.input += input;
            truth.output += output;
            truth.cacheCreate += create;
            truth.cacheRead += read;
        }
        const QString dir = out + QStringLiteral("/projects/") + QString::fromStdString(ss.enc);
        QDir().mkpath(dir);
        QFile f(dir + QLatin1Char('/') + QString::fromStdString(ss.uuid) + QStringLiteral(".jsonl"));
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(buf.data(), static_cast<qint64>(buf.size())) != qint64(buf.size())) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
            return 1;
        }
        bytes += static_cast<std::int64_t>(buf.size());
    }
    const std::string manifest =
        "{\"files\":" + std::to_string(sessions) + ",\"bytes\":" + std::to_string(bytes) +
        ",\"lines\":" + std::to_string(lines) + ",\"assistant_lines\":" + std::to_string(assistantLines) +
        ",\"unique_responses\":" + std::to_string(unique) + ",\"split_lines\":" + std::to_string(splitDone) +
        ",\"partial_groups\":" + std::to_string(partialGroups) + ",\"copies\":" + std::to_string(copies) +
        ",\"max\":{\"input\":" + std::to_string(truth.input) + ",\"output\":" + std::to_string(truth.output) +
        ",\"cache_create\":" + std::to_string(truth.cacheCreate) +
        ",\"cache_read\":" + std::to_string(truth.cacheRead) + ",\"total\":" + std::to_string(truth.total()) + "}}\n";
    QFile m(out + QStringLiteral("/manifest.json"));
    if (!m.open(QIODevice::WriteOnly)) {
        return 1;
    }
    m.write(manifest.data(), static_cast<qint64>(manifest.size()));
    std::fputs(manifest.c_str(), stdout);
    return 0;
}

int report(const QString &dataDir, int runs)
{
    const SystemClock clock;
    auto ledger = Ledger::open(dataDir, *LocalCalendar::forZoneId("UTC"));
    if (!ledger) {
        std::fprintf(stderr, "%s\n", qPrintable(ledger.error()));
        return 1;
    }
    std::vector<double> ms;
    qsizetype rows = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        ReportRequest request;
        request.by = ReportBy::Conversation;
        request.top = 20;
        auto r = ReportQuery(**ledger, clock).run(request);
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        rows = r ? r->rowsBeforeTop : -1;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"by\":\"conversation\",\"top\":20,\"conversations\":%lld,\"runs\":%d,\"median_ms\":%.3f,"
                "\"min_ms\":%.3f}\n",
                static_cast<long long>(rows), runs, ms[ms.size() / 2], ms.front());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char *name, const QString &fallback) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const QString out = option("--out", QString());
    const int size = option("--size", QStringLiteral("500000")).toInt();
    // The tree is ~1.8 kB per assistant line: no default folder to fill by accident, and a size the
    // disk can take.
    if (args.size() > 1 && args.at(1) == QLatin1String("generate") && !out.isEmpty() && size > 0 && size <= 5'000'000) {
        return generate(out, size, option("--sessions", QStringLiteral("200")).toInt(),
                        option("--projects", QStringLiteral("20")).toInt(),
                        option("--seed", QStringLiteral("42")).toULongLong());
    }
    if (args.size() > 1 && args.at(1) == QLatin1String("report")) {
        return report(option("--data-dir", QString()), option("--runs", QStringLiteral("21")).toInt());
    }
    std::fprintf(stderr,
                 "usage: bench_agentlogs generate --out DIR [--size N] [--sessions N] [--projects N] [--seed N]\n"
                 "         --size: assistant lines, 1 to 5,000,000 (default 500,000: ~900 MB)\n"
                 "       bench_agentlogs report --data-dir DIR [--runs N]\n");
    return 2;
}
