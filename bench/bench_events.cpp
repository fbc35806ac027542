// Event-envelope import and report benchmark. Generates N realistic envelope
// lines, imports them into a fresh ledger, then times `report --by model` in-process and through
// the real binary. Prints one JSON object with the figures.
#include "importers/eventimporter.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>

using namespace burnrate;

namespace {

struct Model
{
    const char *provider;
    const char *name;
    int nanoPerKInput; // nano-USD per 1,000 input tokens, for a plausible estimated_cost_usd
};

constexpr Model Models[] = {
    {"anthropic", "claude-sonnet-4-5", 3000},
    {"anthropic", "claude-opus-4-1", 15000},
    {"anthropic", "claude-haiku-4-5", 1000},
    {"openai", "gpt-4o", 2500},
    {"openai", "gpt-4o-mini", 150},
    {"openai", "o3", 2000},
    {"openai", "gpt-5", 1250},
    {"openrouter", "google/gemini-2.5-pro", 1250},
    {"deepseek", "deepseek-chat", 270},
    {"deepseek", "deepseek-reasoner", 550},
};

// A conversation as agents and chat apps produce them: a session of requests over an hour or so,
// on one model with an occasional other model of the same provider (a sub-agent), in one workflow.
struct Session
{
    int id = -1;
    int model = 0;
    int workflow = 0;
    int workflowType = 0;
    int agent = 0;
};

// Sessions open side by side: each event continues one of them, and about every twentieth event
// opens a new one in its place (1,000,000 events: ~50,000 conversations of ~20 requests over ~1 h).
constexpr int OpenSessions = 40;

qint64 generate(const QString &path, int count)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    QRandomGenerator rng(42);
    const qint64 start = 1790812800000; // 2026-10-01T00:00:00Z
    const qint64 span = 60LL * 24 * 3600 * 1000;
    constexpr int ModelCount = int(std::size(Models));
    Session sessions[OpenSessions];
    int nextSession = 0;
    QByteArray line;
    line.reserve(1024);
    for (int i = 0; i < count; ++i) {
        Session &session = sessions[rng.bounded(OpenSessions)];
        if (session.id < 0 || rng.bounded(20) == 0) {
            session = Session{nextSession++, int(rng.bounded(ModelCount)), int(rng.bounded(20000)),
                              int(rng.bounded(12)), int(rng.bounded(8))};
        }
        int modelIndex = session.model;
        if (rng.bounded(10) == 0) { // a sub-agent on another model of the same provider, when it has one
            const int other = int(rng.bounded(ModelCount));
            if (qstrcmp(Models[other].provider, Models[session.model].provider) == 0) {
                modelIndex = other;
            }
        }
        const Model &m = Models[modelIndex];
        // Apps append events as requests finish: in time order, with a few seconds of jitter.
        const qint64 at = start + span / count * i + static_cast<qint64>(rng.bounded(10000)) - 5000;
        const int input = 500 + int(rng.bounded(60000));
        const int cached = int(rng.bounded(input));
        const int output = 50 + int(rng.bounded(4000));
        const qint64 costNano = qint64(input) * m.nanoPerKInput / 1000 + qint64(output) * m.nanoPerKInput * 4 / 1000;
        const QByteArray ts = QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc()).toString(Qt::ISODate).toUtf8();
        line = "{\"request_id\":\"req_" + QByteArray::number(i) + "\",\"workflow_id\":\"wf_" +
               QByteArray::number(session.workflow) + "\",\"workflow_type\":\"flow_" +
               QByteArray::number(session.workflowType) + "\",\"agent_id\":\"agent-" +
               QByteArray::number(session.agent) + "\",\"provider\":\"" + m.provider + "\",\"model\":\"" + m.name +
               "\",\"started_at\":\"" + ts + "\",\"latency_ms\":" + QByteArray::number(200 + rng.bounded(20000)) +
               ",\"input_tokens\":" + QByteArray::number(input) +
               ",\"cached_input_tokens\":" + QByteArray::number(cached) +
               ",\"output_tokens\":" + QByteArray::number(output) +
               ",\"tool_calls\":" + QByteArray::number(rng.bounded(4)) +
               ",\"retry_count\":" + QByteArray::number(rng.bounded(10) == 0 ? 1 : 0) + ",\"status\":\"" +
               (rng.bounded(20) == 0 ? "error" : "success") + "\",\"environment\":\"prod\",\"conversation_id\":\"c" +
               QByteArray::number(session.id) +
               "\",\"estimated_cost_usd\":" + QByteArray::number(static_cast<double>(costNano) / 1e9, 'f', 9) + "}\n";
        f.write(line);
    }
    return f.size();
}

long peakRssKb()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int usage()
{
    QTextStream(stderr) << "usage: bench_events generate --events N --out FILE\n"
                           "       bench_events report --data-dir DIR [--runs N] [--every-view]\n"
                           "       bench_events all [--events N] [--binary PATH]   (self-contained quick run)\n";
    return 2;
}

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const auto i = args.indexOf(name);
    return i > 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

// Median in-process latency of `report --by model` over an existing ledger, in ms.
int reportLatency(const QString &dataDir, int runs)
{
    const SystemClock clock;
    auto ledger = Ledger::open(dataDir, *LocalCalendar::forZoneId("Europe/Berlin"));
    if (!ledger) {
        qFatal("%s", qPrintable(ledger.error()));
    }
    std::vector<double> ms;
    qint64 totalNano = 0;
    qint64 requests = 0;
    QElapsedTimer t;
    for (int i = 0; i < runs; ++i) {
        t.restart();
        ReportRequest request;
        request.by = ReportBy::Model;
        auto report = ReportQuery(**ledger, clock).run(request);
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        totalNano = report->total.costNano;
        requests = report->total.requests;
    }
    QTextStream(stdout) << "{\"report_by_model_ms_median\": " << QString::number(median(ms), 'f', 3)
                        << ", \"requests\": " << requests << ", \"total_cost_nano\": " << totalNano << "}\n";
    return 0;
}

// Median and slowest in-process latency of every report view over an existing ledger, each over its whole history
// and over the last 30 days, one line per view: "by model, all time: median 12.3 ms, max 15.0 ms (N rows)".
int everyReportLatency(const QString &dataDir, int runs)
{
    const SystemClock clock;
    // The zone the app uses (the folder's settings, else the system's): in another one, opening would rebuild every
    // rollup, and the app's next start would rebuild them back.
    auto calendar = Settings(dataDir).calendar();
    if (!calendar) {
        qFatal("%s", qPrintable(calendar.error()));
    }
    auto ledger = Ledger::open(dataDir, *calendar);
    if (!ledger) {
        qFatal("%s", qPrintable(ledger.error()));
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    double slowest = 0;
    for (ReportBy by : {ReportBy::Day, ReportBy::Week, ReportBy::Month, ReportBy::Provider, ReportBy::Model,
                        ReportBy::Source, ReportBy::Project, ReportBy::Workflow, ReportBy::Conversation}) {
        for (const bool recent : {false, true}) {
            ReportRequest request;
            request.by = by;
            request.top = by == ReportBy::Conversation ? 20 : 0;
            if (recent) {
                request.since = today.addDays(-30);
            }
            std::vector<double> ms;
            qsizetype rows = 0;
            QElapsedTimer t;
            // A view far beyond the target is not run 11 times over: runs stop once they took 10 s in all.
            double spentMs = 0;
            for (int i = 0; i < runs && spentMs < 10'000; ++i) {
                t.restart();
                auto report = ReportQuery(**ledger, clock).run(request);
                ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                spentMs += ms.back();
                if (!report) {
                    qFatal("%s", qPrintable(report.error()));
                }
                rows = report->rows.size();
            }
            const double max = *std::max_element(ms.begin(), ms.end());
            slowest = std::max(slowest, median(ms));
            QTextStream(stdout) << QStringLiteral("report --by %1, %2: median %3 ms, max %4 ms (%5 rows, %6 runs)\n")
                                       .arg(reportByName(by).leftJustified(12),
                                            recent ? QStringLiteral("last 30 days") : QStringLiteral("all time    "))
                                       .arg(median(ms), 0, 'f', 1)
                                       .arg(max, 0, 'f', 1)
                                       .arg(rows)
                                       .arg(ms.size());
        }
    }
    QTextStream(stdout) << "slowest_report_median_ms " << QString::number(slowest, 'f', 1) << "\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("generate")) {
        const QString out = option(args, QStringLiteral("--out"));
        if (out.isEmpty()) {
            return usage();
        }
        const qint64 bytes = generate(out, option(args, QStringLiteral("--events"), QStringLiteral("1000000")).toInt());
        QTextStream(stdout) << "{\"bytes\": " << bytes << "}\n";
        return 0;
    }
    if (mode == QLatin1String("report")) {
        const QString dir = option(args, QStringLiteral("--data-dir"));
        if (dir.isEmpty()) {
            return usage();
        }
        const int runs = option(args, QStringLiteral("--runs"), QStringLiteral("21")).toInt();
        return args.contains(QStringLiteral("--every-view")) ? everyReportLatency(dir, runs) : reportLatency(dir, runs);
    }
    if (mode != QLatin1String("all")) {
        return usage();
    }
    const int count = option(args, QStringLiteral("--events"), QStringLiteral("1000000")).toInt();
    const QString binary = option(args, QStringLiteral("--binary"));
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("events.jsonl"));
    QElapsedTimer t;
    t.start();
    const qint64 bytes = generate(input, count);
    const double genSecs = static_cast<double>(t.nsecsElapsed()) / 1e9;

    const SystemClock clock;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    if (!ledger) {
        qFatal("%s", qPrintable(ledger.error()));
    }
    EventImporter importer(**ledger, QStringLiteral("events"));
    ImportSummary summary;
    t.restart();
    if (auto st = importer.importPath(input, EventImporter::Format::Auto, summary); !st) {
        qFatal("%s", qPrintable(st.error()));
    }
    const double importSecs = static_cast<double>(t.nsecsElapsed()) / 1e9;
    const long rssAfterImport = peakRssKb();

    std::vector<double> inProcess;
    qint64 totalNano = 0;
    for (int i = 0; i < 21; ++i) {
        t.restart();
        ReportRequest request;
        request.by = ReportBy::Model;
        auto report = ReportQuery(**ledger, clock).run(request);
        inProcess.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        totalNano = report->total.costNano;
    }
    ledger->reset();

    std::vector<double> viaBinary;
    if (!binary.isEmpty()) {
        for (int i = 0; i < 11; ++i) {
            QProcess p;
            t.restart();
            p.start(binary, {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("report"), QStringLiteral("--by"),
                             QStringLiteral("model"), QStringLiteral("--format"), QStringLiteral("json")});
            p.waitForFinished(60000);
            viaBinary.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
    }
    QTextStream out(stdout);
    out << "{\n"
        << "  \"events\": " << count << ",\n"
        << "  \"input_mb\": " << QString::number(static_cast<double>(bytes) / 1e6, 'f', 1) << ",\n"
        << "  \"generate_s\": " << QString::number(genSecs, 'f', 2) << ",\n"
        << "  \"import_s\": " << QString::number(importSecs, 'f', 3) << ",\n"
        << "  \"import_events_per_s\": " << qint64(static_cast<double>(summary.accepted()) / importSecs) << ",\n"
        << "  \"imported\": " << summary.inserted << ",\n"
        << "  \"rejected\": " << summary.rejected << ",\n"
        << "  \"peak_rss_mb\": " << QString::number(static_cast<double>(rssAfterImport) / 1024.0, 'f', 1) << ",\n"
        << "  \"report_by_model_ms_in_process_median\": " << QString::number(median(inProcess), 'f', 2) << ",\n";
    if (!viaBinary.empty()) {
        out << "  \"report_by_model_ms_cli_process_median\": " << QString::number(median(viaBinary), 'f', 2) << ",\n";
    }
    out << "  \"total_cost_nano\": " << totalNano << "\n}\n";
    return 0;
}
