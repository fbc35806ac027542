#include "cli/cli.h"
#include "clitestutil.h"
#include "fixturetest.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "util/checkedsum.h"
#include "util/displaywidth.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <limits>

using namespace burnrate::cli;
using namespace burnrate::test;

namespace {

const QString Sample = fixturePath(QStringLiteral("events/sample.jsonl"));
const QString Golden = QStringLiteral(BURNRATE_SOURCE_DIR "/tests/core/cli/golden/");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void importReportsRejectedLines();
    void countsBeyondTheLimitsAreRejectedNotWrapped();
    void totalsBeyondInt64FailWithOneLine();
    void tablesElideLongNamesAndKeepColumnsAligned();
    void reportJsonMatchesGolden_data();
    void reportJsonMatchesGolden();
    void reportCsvAndTable();
    void topLimitsRows();
    void filtersNarrowTheReport();
    void versionAndHelp();
    void wantsCli();

private:
    CliRun run(const QStringList &args);
    QTemporaryDir m_dir;
};

CliRun TestCli::run(const QStringList &args)
{
    return runCli(m_dir.path(), args);
}

void TestCli::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("events/sample.jsonl")});
    qputenv("BURNRATE_TIMEZONE", "Europe/Berlin");
    const CliRun r = run({QStringLiteral("import"), QStringLiteral("events"), Sample});
    QCOMPARE(r.code, int(ExitFailure)); // four lines were rejected
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown command") << QStringList{"frobnicate"} << "burnrate: unknown command \"frobnicate\"";
    QTest::addRow("unknown option") << QStringList{"report", "--colour"} << "burnrate report: unknown option --colour";
    QTest::addRow("bad by") << QStringList{"report", "--by", "planet"} << "burnrate report: --by must be one of";
    QTest::addRow("bad date") << QStringList{"report", "--since", "yesterday"}
                              << "burnrate report: --since must be a date YYYY-MM-DD";
    QTest::addRow("reversed range") << QStringList{"report", "--since", "2026-11-05", "--until", "2026-11-01"}
                                    << "burnrate report: --since is after --until";
    QTest::addRow("bad top") << QStringList{"report", "--top", "0"} << "burnrate report: --top must be a positive";
    QTest::addRow("bad format") << QStringList{"report", "--format", "xml"} << "burnrate report: --format must be";
    QTest::addRow("import nothing") << QStringList{"import", "events"} << "burnrate import: name at least one";
    QTest::addRow("filter by day") << QStringList{"report", "--source", "events"}
                                   << "burnrate report: --source, --model and --project need --by conversation";
    QTest::addRow("filter by model") << QStringList{"report", "--by", "model", "--project", "x"}
                                     << "burnrate report: --source, --model and --project need --by conversation";
    QTest::addRow("filter reconcile") << QStringList{"report", "--reconcile", "--model", "o3"}
                                      << "burnrate report: --source, --model and --project need --by conversation";
    QTest::addRow("missing value") << QStringList{"report", "--by"} << "burnrate report: --by needs a value";
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = run(args);
    QCOMPARE(r.code, int(ExitUsage));
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line
    QVERIFY(r.out.isEmpty());
}

void TestCli::importReportsRejectedLines()
{
    const CliRun r = run({QStringLiteral("import"), QStringLiteral("events"), Sample});
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.out, QStringLiteral("imported 5 events from 1 file: 0 new, 0 updated, 5 unchanged; 4 lines rejected\n"));
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).endsWith(
        QStringLiteral("sample.jsonl:6: not valid JSON: the object is not closed (truncated line?)")));
    QVERIFY(
        lines.at(3).endsWith(QStringLiteral("sample.jsonl:9: cached_input_tokens (500) exceeds input_tokens (100)")));
    const CliRun missing =
        run({QStringLiteral("import"), QStringLiteral("events"), m_dir.filePath(QStringLiteral("no.jsonl"))});
    QCOMPARE(missing.code, int(ExitFailure));
    QVERIFY(missing.err.startsWith(QStringLiteral("burnrate: cannot read ")));
}

void TestCli::countsBeyondTheLimitsAreRejectedNotWrapped()
{
    // One normal request and one whose token counts are int64's largest value: the second is rejected with its line
    // and reason, and the report's totals are the first request's, never a wrapped negative sum.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("huge.jsonl"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray base = R"("provider":"openai","model":"gpt-4o","started_at":"2026-11-02T18:00:00Z")";
    f.write("{\"request_id\":\"ok\"," + base + ",\"input_tokens\":298,\"output_tokens\":100}\n");
    f.write("{\"request_id\":\"huge\"," + base +
            ",\"input_tokens\":9223372036854775807,\"output_tokens\":9223372036854775807}\n");
    f.close();
    const QString data = dir.filePath(QStringLiteral("data"));
    const CliRun imported = runCli(data, {QStringLiteral("import"), QStringLiteral("events"), file});
    QCOMPARE(imported.code, int(ExitFailure));
    QVERIFY2(imported.err.contains(
                 QStringLiteral("huge.jsonl:2: input_tokens is 9223372036854775807 (at most 1000000000000)")),
             qPrintable(imported.err));
    const CliRun report = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model"),
                                        QStringLiteral("--since"), QStringLiteral("2026-11-01"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(report.code, int(ExitOk));
    const QJsonObject total =
        QJsonDocument::fromJson(report.out.toUtf8()).object().value(QLatin1String("total")).toObject();
    QCOMPARE(total.value(QLatin1String("requests")).toInteger(), 1);
    QCOMPARE(total.value(QLatin1String("tokens")).toObject().value(QLatin1String("input")).toInteger(), 298);
    QCOMPARE(total.value(QLatin1String("tokens")).toObject().value(QLatin1String("output")).toInteger(), 100);
}

void TestCli::totalsBeyondInt64FailWithOneLine()
{
    // Ten million requests at the limits of one request would add up beyond int64; two rollup rows written straight
    // into the ledger do here. Every format of the report fails with one line that names the total, and prints nothing.
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    {
        auto ledger = burnrate::Ledger::open(data, *burnrate::LocalCalendar::forZoneId("Europe/Berlin"));
        QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
        constexpr qint64 Half = std::numeric_limits<qint64>::max() / 2 + 1;
        for (const char *model : {"a", "b"}) {
            const QString sql = QStringLiteral("INSERT INTO rollups (day, utc_day, provider, model, source, billing,"
                                               " requests, input_uncached, cost_nano) VALUES (%1, %1, 'openai', '%2',"
                                               " 'events', 'api', 1, %3, 1)")
                                    .arg(QDate(2026, 11, 2).toJulianDay())
                                    .arg(QLatin1String(model))
                                    .arg(Half);
            QVERIFY((*ledger)->db().exec(sql.toStdString()).ok());
        }
    }
    const QString expected = QStringLiteral("burnrate: report: the total of input tokens exceeds the largest number "
                                            "Burnrate can count (9223372036854775807)\n");
    for (const QStringList &args : {QStringList{"report", "--by", "model"}, QStringList{"report", "--by", "provider"},
                                    QStringList{"report", "--by", "week", "--format", "json"},
                                    QStringList{"report", "--by", "day", "--format", "csv"}}) {
        const CliRun r = runCli(data, args);
        QCOMPARE(r.code, int(ExitFailure));
        QCOMPARE(r.err, expected);
        QVERIFY(r.out.isEmpty());
    }
}

void TestCli::tablesElideLongNamesAndKeepColumnsAligned()
{
    // A model name of 256 characters (the longest accepted), a project in CJK with an emoji, and a conversation.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("wide.jsonl"));
    const QString model = QStringLiteral("m") + QString(255, QLatin1Char('x'));
    const QString project = QString::fromUtf16(u"プロジェクト-🚀");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray base = R"("started_at":"2026-11-02T18:00:00Z","input_tokens":100,"output_tokens":10)";
    f.write("{\"request_id\":\"1\",\"provider\":\"acme\",\"model\":\"" + model.toUtf8() + "\",\"project\":\"" +
            project.toUtf8() + "\",\"conversation_id\":\"c1\"," + base + "}\n");
    f.write(R"({"request_id":"2","provider":"openai","model":"gpt-4o","project":"short","conversation_id":"c2",)" +
            base + "}\n");
    f.close();
    const QString data = dir.filePath(QStringLiteral("data"));
    const CliRun imported = runCli(data, {QStringLiteral("import"), QStringLiteral("events"), file});
    QVERIFY2(imported.code == ExitOk, qPrintable(imported.err));
    const QString ellipsis(QChar(0x2026));
    for (const char *by : {"model", "conversation", "project"}) {
        const CliRun r = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QLatin1String(by)});
        QVERIFY2(r.code == ExitOk, qPrintable(r.err));
        // The table: from the header to the TOTAL line, every line as wide as the rule under the header.
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        const qsizetype header = lines.indexOf(QRegularExpression(QStringLiteral("[A-Z]+  .*"))); // a whole line
        QVERIFY2(header >= 0, qPrintable(r.out));
        const int width = burnrate::displayWidth(lines.at(header + 1));
        QVERIFY(lines.at(header + 1).startsWith(QStringLiteral("----")));
        qsizetype last = header;
        while (last + 1 < lines.size() && !lines.at(last).startsWith(QStringLiteral("TOTAL"))) {
            ++last;
        }
        QVERIFY2(lines.at(last).startsWith(QStringLiteral("TOTAL")), qPrintable(r.out));
        for (qsizetype i = header; i <= last; ++i) {
            QVERIFY2(burnrate::displayWidth(lines.at(i)) == width, qPrintable(lines.at(i)));
        }
        QVERIFY2(width < 200, qPrintable(r.out)); // not the 256 characters of the name
        QVERIFY2(!r.out.contains(model), qPrintable(r.out));
        QVERIFY2(r.out.contains(model.left(20)), qPrintable(r.out));
        QVERIFY2(r.out.contains(ellipsis), qPrintable(r.out));
        if (QByteArray(by) == "conversation" || QByteArray(by) == "project") {
            QVERIFY2(r.out.contains(project), qPrintable(r.out)); // 15 columns: whole
        }
    }
    // The unpriced-models line cuts the name as the table does.
    const CliRun byModel = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model")});
    QVERIFY2(byModel.out.contains(QStringLiteral("Unpriced models")), qPrintable(byModel.out));
    // JSON and CSV keep every value whole.
    const CliRun json = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model"),
                                      QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.code, int(ExitOk));
    QStringList keys;
    for (const QJsonValue &row : json.json().value(QLatin1String("rows")).toArray()) {
        keys << row.toObject().value(QLatin1String("key")).toString();
    }
    QVERIFY2(keys.contains(model), qPrintable(keys.join(QLatin1Char(','))));
    QCOMPARE(
        json.json().value(QLatin1String("unpriced_models")).toArray().at(0).toObject().value(QLatin1String("model")),
        QJsonValue(model));
    const CliRun conv = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("conversation"),
                                      QStringLiteral("--format"), QStringLiteral("json")});
    QStringList projects;
    for (const QJsonValue &row : conv.json().value(QLatin1String("rows")).toArray()) {
        projects << row.toObject().value(QLatin1String("project")).toString();
    }
    QVERIFY(projects.contains(project));
    const CliRun csv = runCli(data, {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model"),
                                     QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY(csv.out.contains(model));
}

void TestCli::reportJsonMatchesGolden_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("golden");
    QTest::addRow("by model") << QStringList{"--by", "model"} << "report-by-model.json";
    QTest::addRow("by workflow") << QStringList{"--by", "workflow"} << "report-by-workflow.json";
    QTest::addRow("by conversation") << QStringList{"--by", "conversation"} << "report-by-conversation.json";
    QTest::addRow("by day, range") << QStringList{"--by", "day", "--since", "2026-11-03", "--until", "2026-11-04"}
                                   << "report-by-day-range.json";
}

void TestCli::reportJsonMatchesGolden()
{
    QFETCH(QStringList, args);
    QFETCH(QString, golden);
    const CliRun r =
        run(QStringList{QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")} + args);
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isObject());
    QFile file(Golden + golden);
    if (qEnvironmentVariableIsSet("BURNRATE_UPDATE_GOLDEN")) {
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(r.out.toUtf8());
        QSKIP("golden file rewritten");
    }
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QCOMPARE(r.out, QString::fromUtf8(file.readAll()));
}

void TestCli::reportCsvAndTable()
{
    const CliRun csv = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("provider"),
                            QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(csv.code, int(ExitOk));
    const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("key,provider,provenance,requests,")));
    // Priced at import: 8,200 x 3 + 640 x 15 and 1,100 x 3 + 8,000 x 0.30 + 410 x 15 USD per 1M tokens.
    QVERIFY(
        lines.at(1).startsWith(QStringLiteral("openai,,local,3,23152,14848,0,0,12900,10500,0.113008000,113008000,0,")));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("anthropic,,local,2,9300,8000,0,0,1050,0,0.046050000,46050000,0,")));
    const CliRun table = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("provider")});
    QCOMPARE(table.code, int(ExitOk));
    QVERIFY(table.out.contains(QStringLiteral("$0.0461")));
    QVERIFY(table.out.contains(QStringLiteral("$0.1591"))); // 159,058,000 nano in all
    QVERIFY(!table.out.contains(QStringLiteral("unpriced")));
}

void TestCli::topLimitsRows()
{
    const CliRun r =
        run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model"), QStringLiteral("--top"),
             QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("rows")).toArray().size(), 1);
    QCOMPARE(o.value(QStringLiteral("rows_total")).toInt(), 3);
    QCOMPARE(o.value(QStringLiteral("total")).toObject().value(QStringLiteral("requests")).toInt(), 5);
}

void TestCli::filtersNarrowTheReport()
{
    auto report = [this](const QStringList &filters) {
        const CliRun r = run(QStringList{QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("workflow"),
                                         QStringLiteral("--format"), QStringLiteral("json")} +
                             filters);
        if (r.code != ExitOk) {
            qWarning("%s", qPrintable(r.err));
        }
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    auto keys = [](const QJsonObject &o) {
        QStringList out;
        for (const QJsonValue &row : o.value(QStringLiteral("rows")).toArray()) {
            out << row.toObject().value(QStringLiteral("key")).toString();
        }
        out.sort();
        return out;
    };
    auto requests = [](const QJsonObject &o) {
        return o.value(QStringLiteral("total")).toObject().value(QStringLiteral("requests")).toInt();
    };
    const QJsonObject all = report({});
    QCOMPARE(requests(all), 5);
    // Only invoice_extraction ran on gpt-4o-mini (two requests); o3 adds hard_reasoning's one.
    const QJsonObject mini = report({QStringLiteral("--model"), QStringLiteral("gpt-4o-mini")});
    QCOMPARE(keys(mini), QStringList{QStringLiteral("invoice_extraction")});
    QCOMPARE(requests(mini), 2);
    const QJsonObject two =
        report({QStringLiteral("--model"), QStringLiteral("gpt-4o-mini"), QStringLiteral("--model=o3")});
    QCOMPARE(keys(two), (QStringList{QStringLiteral("hard_reasoning"), QStringLiteral("invoice_extraction")}));
    QCOMPARE(requests(two), 3);
    // The envelopes were imported under the source "events" and name no project.
    QCOMPARE(report({QStringLiteral("--source"), QStringLiteral("events")}), all);
    QCOMPARE(keys(report({QStringLiteral("--source"), QStringLiteral("codex")})), QStringList());
    QCOMPARE(requests(report({QStringLiteral("--project"), QString()})), 5);
    QCOMPARE(keys(report({QStringLiteral("--project"), QStringLiteral("elsewhere")})), QStringList());
}

void TestCli::versionAndHelp()
{
    const CliRun v = run({QStringLiteral("--version")});
    QCOMPARE(v.code, int(ExitOk));
    // Version and commit, Qt at run time and at build time, SQLite, the shipped price book: what support asks.
    const QStringList lines = v.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(QRegularExpression(QStringLiteral("^burnrate " BURNRATE_VERSION " \\(commit ([0-9a-f]{12}|unknown)\\)$"))
                 .match(lines[0])
                 .hasMatch(),
             qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("Qt %1 (built with " QT_VERSION_STR "), SQLite %2")
                           .arg(QString::fromLatin1(qVersion()), burnrate::Database::sqliteVersion()));
    const auto shipped = burnrate::PriceStore::shippedSnapshot();
    QVERIFY(shipped.ok());
    const QString snapshotId =
        shipped->value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString();
    QCOMPARE(lines[2], QStringLiteral("shipped price book ") + snapshotId);
    QVERIFY(!lines[2].endsWith(QLatin1String("(missing)")));
    const CliRun h = run({QStringLiteral("--help")});
    QCOMPARE(h.code, int(ExitOk));
    QVERIFY(h.out.contains(QStringLiteral("import events FILE...|-")));
    QVERIFY(h.out.contains(QStringLiteral("--source S  --model M")));
    QVERIFY(h.out.contains(QStringLiteral("--project P")));
}

void TestCli::wantsCli()
{
    QVERIFY(!Cli::wantsCli({}));
    QVERIFY(!Cli::wantsCli({QStringLiteral("--demo")}));
    QVERIFY(!Cli::wantsCli({QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}));
    QVERIFY(Cli::wantsCli({QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("report")}));
    QVERIFY(Cli::wantsCli({QStringLiteral("--version")}));
    QVERIFY(Cli::wantsCli({QStringLiteral("bogus")}));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
