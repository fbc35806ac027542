// The prices and reprice commands end to end, in process, on a real ledger; URL updates through a
// local HTTP server.
#include "../cli/clitestutil.h"
#include "cli/cli.h"
#include "httpserver.h"
#include "pricingtestutil.h"
#include "util/clock.h"

#include <QBuffer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>

using namespace burnrate;
using namespace burnrate::cli;
using namespace burnrate::test;

namespace {

QByteArray feedChanging(const QString &model, const QString &input)
{
    const QJsonObject doc{
        {QStringLiteral("format"), QStringLiteral("llm-spend-pricing")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("feed")}}},
        {QStringLiteral("providers"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("openai")},
             {QStringLiteral("models"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("id"), model},
                  {QStringLiteral("versions"),
                   QJsonArray{QJsonObject{{QStringLiteral("effective_from"), QJsonValue::Null},
                                          {QStringLiteral("rates"),
                                           QJsonObject{{QStringLiteral("input"), input},
                                                       {QStringLiteral("cache_read"), QStringLiteral("0.075")},
                                                       {QStringLiteral("output"), QStringLiteral("0.60")}}}}}}}}}}}}};
    return QJsonDocument(doc).toJson();
}

} // namespace

class TestPricesCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importPricesTheSampleAndNamesUnpricedModels();
    void showAndQuote();
    void quoteJsonFollowsDesign();
    void refusedUpdatesLeaveTheBookUnchanged_data();
    void refusedUpdatesLeaveTheBookUnchanged();
    void updateKeepsHistoryAndRepriceShowsTheDiff();
    void updateFromLoopbackUrl();
    void usageErrors();
    void withoutAtTheClockIsNow();

private:
    CliRun run(const QStringList &args, const Clock *clock = nullptr);
    QString write(const QString &name, const QByteArray &bytes);
    QString bookId();
    QTemporaryDir m_dir;
};

CliRun TestPricesCli::run(const QStringList &args, const Clock *clock)
{
    CliServices services;
    services.clock = clock;
    return runCli(m_dir.filePath(QStringLiteral("data")), args, services);
}

QString TestPricesCli::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        qFatal("cannot write a test file");
    }
    return f.fileName();
}

QString TestPricesCli::bookId()
{
    return run({QStringLiteral("prices"), QStringLiteral("show"), QStringLiteral("gpt-4o"), QStringLiteral("--format"),
                QStringLiteral("json")})
        .json()
        .value(QLatin1String("book"))
        .toString();
}

void TestPricesCli::initTestCase()
{
    REQUIRE_FIXTURES(pricingFixtureFiles() + QStringList{QStringLiteral("events/sample.jsonl")});
    qputenv("BURNRATE_TIMEZONE", "UTC");
}

void TestPricesCli::importPricesTheSampleAndNamesUnpricedModels()
{
    QFile sample(fixturePath(QStringLiteral("events/sample.jsonl")));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QByteArray extra =
        R"({"request_id":"x1","provider":"acme","model":"acme-llm-9","started_at":"2026-11-05T08:00:00Z","input_tokens":700,"output_tokens":50})"
        "\n"
        R"({"request_id":"x2","provider":"openai","model":"gpt-imaginary","started_at":"2026-11-05T08:01:00Z","input_tokens":10,"output_tokens":5,"estimated_cost_usd":"0.5"})"
        "\n";
    const QString file = write(QStringLiteral("events.jsonl"), sample.readAll() + extra);
    const CliRun imported = run({QStringLiteral("import"), QStringLiteral("events"), file});
    QCOMPARE(imported.code, int(ExitFailure)); // the fixture's four bad lines
    QVERIFY2(imported.out.contains(QStringLiteral("7 new")), qPrintable(imported.out));
    const CliRun report = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject o = report.json();
    // Priced: 46,050,000 (Sonnet 4.5) + 4,080,000 (gpt-4o-mini) + 108,928,000 (o3), plus the reported
    // 0.5 USD of gpt-imaginary, which the book cannot price but its source stated.
    QCOMPARE(integer(o.value(QLatin1String("total")).toObject().value(QLatin1String("cost_nano"))), 659'058'000);
    QCOMPARE(integer(o.value(QLatin1String("total")).toObject().value(QLatin1String("unpriced_requests"))), 1);
    const QJsonArray unpriced = o.value(QLatin1String("unpriced_models")).toArray();
    QCOMPARE(unpriced.size(), 1);
    QCOMPARE(unpriced.first().toObject().value(QLatin1String("model")).toString(), QStringLiteral("acme-llm-9"));
    QCOMPARE(unpriced.first().toObject().value(QLatin1String("provider")).toString(), QStringLiteral("acme"));
    QCOMPARE(integer(unpriced.first().toObject().value(QLatin1String("tokens"))), 750);
    const CliRun table = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("model")});
    QVERIFY2(table.out.contains(QStringLiteral("Unpriced models (no price in the book; add one with prices.user.json): "
                                               "acme-llm-9 (acme, 1 requests, 750 tokens)")),
             qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("unpriced")));
}

void TestPricesCli::showAndQuote()
{
    const CliRun show = run({QStringLiteral("prices"), QStringLiteral("show"), QStringLiteral("o3-2025-04-16"),
                             QStringLiteral("--at"), QStringLiteral("2025-05-01")});
    QCOMPARE(show.code, int(ExitOk));
    QVERIFY2(show.out.contains(QStringLiteral("Versions   [base], 2025-06-10")), qPrintable(show.out));
    QVERIFY(show.out.contains(QStringLiteral("input 10, cache_read 2.5, output 40")));
    const CliRun quote =
        run({QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"),
             QStringLiteral("gemini-2.5-pro"), QStringLiteral("--usage"),
             QStringLiteral(R"({"usageMetadata":{"promptTokenCount":250000,"cachedContentTokenCount":150000,)"
                            R"("candidatesTokenCount":3000,"thoughtsTokenCount":7000}})")});
    QCOMPARE(quote.code, int(ExitOk));
    QVERIFY2(quote.out.contains(QStringLiteral("Total      $0.437500000 (437,500,000 nano-USD")),
             qPrintable(quote.out));
    QVERIFY(quote.out.contains(QStringLiteral("long context (total input > 200,000)")));
    const CliRun unpriced =
        run({QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"), QStringLiteral("acme-llm-9"),
             QStringLiteral("--usage"), QStringLiteral(R"({"input_tokens":1})")});
    QCOMPARE(unpriced.code, int(ExitFailure));
    QCOMPARE(unpriced.err,
             QStringLiteral("burnrate prices: unpriced: no price for model acme-llm-9 from provider (none)\n"));
}

void TestPricesCli::quoteJsonFollowsDesign()
{
    // G5 at the corrected historic price, as a batch request: 544,640,000 / 2.
    const CliRun r =
        run({QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"), QStringLiteral("o3"),
             QStringLiteral("--provider"), QStringLiteral("openai"), QStringLiteral("--at"),
             QStringLiteral("2025-05-01T12:00:00Z"), QStringLiteral("--tier"), QStringLiteral("batch"),
             QStringLiteral("--usage-format"), QStringLiteral("openai"), QStringLiteral("--usage"),
             QStringLiteral(R"({"input_tokens":8000,"input_tokens_details":{"cached_tokens":2048},)"
                            R"("output_tokens":12000,"output_tokens_details":{"reasoning_tokens":10500}})"),
             QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, int(ExitOk));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("model")).toObject().value(QLatin1String("entry")).toString(),
             QStringLiteral("openai/o3"));
    QCOMPARE(o.value(QLatin1String("version")).toString(), QStringLiteral("base"));
    QCOMPARE(o.value(QLatin1String("tier")).toObject().value(QLatin1String("service")).toString(),
             QStringLiteral("batch"));
    const QJsonArray lines = o.value(QLatin1String("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(1).toObject().value(QLatin1String("class")).toString(), QStringLiteral("cache_read"));
    QCOMPARE(lines.at(1).toObject().value(QLatin1String("rate")).toString(), QStringLiteral("2.5"));
    QCOMPARE(integer(lines.at(1).toObject().value(QLatin1String("cost_pico"))), 5'120'000'000);
    QCOMPARE(integer(o.value(QLatin1String("subtotal_pico"))), 544'640'000'000);
    QCOMPARE(o.value(QLatin1String("multiplier")).toString(), QStringLiteral("0.5"));
    QCOMPARE(integer(o.value(QLatin1String("total_nano"))), 272'320'000);
    QCOMPARE(o.value(QLatin1String("total_usd")).toString(), QStringLiteral("0.272320000"));
}

void TestPricesCli::refusedUpdatesLeaveTheBookUnchanged_data()
{
    QTest::addColumn<QByteArray>("feed");
    QTest::addColumn<QString>("reason");
    QTest::addRow("negative") << feedChanging(QStringLiteral("gpt-4o-mini"), QStringLiteral("-0.15"))
                              << "openai/gpt-4o-mini@base: rate input: -0.15 is negative";
    QTest::addRow("not numeric") << feedChanging(QStringLiteral("gpt-4o-mini"), QStringLiteral("0.15 USD"))
                                 << "openai/gpt-4o-mini@base: rate input: \"0.15 USD\" is not a decimal number";
    QTest::addRow("not a feed") << QByteArray("{\"hello\": 1}")
                                << "not a price feed Burnrate knows: expected its own format, a genai-prices data.json "
                                   "or LiteLLM's model_prices_and_context_window.json";
    QTest::addRow("not json") << QByteArray("{") << "not valid JSON (unterminated object at byte 1)";
}

void TestPricesCli::refusedUpdatesLeaveTheBookUnchanged()
{
    QFETCH(QByteArray, feed);
    QFETCH(QString, reason);
    const QString before = bookId();
    const CliRun r = run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
                          write(QStringLiteral("bad.json"), feed)});
    QCOMPARE(r.code, int(ExitFailure));
    QCOMPARE(r.err,
             QStringLiteral("burnrate prices: update refused: %1; the active prices are unchanged\n").arg(reason));
    QCOMPARE(bookId(), before);
}

void TestPricesCli::updateKeepsHistoryAndRepriceShowsTheDiff()
{
    // gpt-4o-mini input 0.15 -> 0.30 from 09:12:30 on 2026-11-03: req_0003 (09:12) keeps the old
    // price, req_0004 (09:13; 15,000 uncached tokens) doubles from 2,250,000 to 4,500,000 nano.
    const CliRun update =
        run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
             write(QStringLiteral("feed.json"), feedChanging(QStringLiteral("gpt-4o-mini"), QStringLiteral("0.30"))),
             QStringLiteral("--changes-from"), QStringLiteral("2026-11-03T09:12:30Z")});
    QCOMPARE(update.code, int(ExitOk));
    QVERIFY2(update.out.contains(QStringLiteral("openai/gpt-4o-mini @2026-11-03: input 0.15 -> 0.30")),
             qPrintable(update.out));
    QVERIFY(update.out.contains(QStringLiteral("BIG JUMPS")) == false); // exactly 2x is not above 2x
    QVERIFY(update.out.contains(QStringLiteral("Kept: missing from the feed, still priced (943):")));
    QVERIFY(update.out.contains(QStringLiteral("Activated ")));
    QVERIFY(bookId().contains(QStringLiteral("-burnrate-")));
    // The dropped models still price.
    QCOMPARE(run({QStringLiteral("prices"), QStringLiteral("show"), QStringLiteral("claude-sonnet-4-5")}).code,
             int(ExitOk));
    // Nothing was re-priced by the update itself.
    QCOMPARE(integer(run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")})
                         .json()
                         .value(QLatin1String("total"))
                         .toObject()
                         .value(QLatin1String("cost_nano"))),
             659'058'000);
    const CliRun dry = run({QStringLiteral("reprice"), QStringLiteral("--dry-run")});
    QCOMPARE(dry.code, int(ExitOk));
    QVERIFY2(dry.out.contains(QStringLiteral("Dry run: 5 events would change")), qPrintable(dry.out));
    const CliRun reprice = run({QStringLiteral("reprice"), QStringLiteral("--since"), QStringLiteral("2026-11-03")});
    QCOMPARE(reprice.code, int(ExitOk));
    QVERIFY2(reprice.out.contains(QRegularExpression(QStringLiteral(
                 "gpt-4o-mini\\s+openai\\s+2\\s+2\\s+0.004080000\\s+0.006330000\\s+\\+0.002250000\\s+0 -> 0"))),
             qPrintable(reprice.out));
    QCOMPARE(integer(run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")})
                         .json()
                         .value(QLatin1String("total"))
                         .toObject()
                         .value(QLatin1String("cost_nano"))),
             659'058'000 + 2'250'000);
    // Going back to the shipped prices and re-pricing restores the original figure.
    QCOMPARE(run({QStringLiteral("prices"), QStringLiteral("reset")}).code, int(ExitOk));
    QCOMPARE(run({QStringLiteral("reprice")}).code, int(ExitOk));
    QCOMPARE(integer(run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")})
                         .json()
                         .value(QLatin1String("total"))
                         .toObject()
                         .value(QLatin1String("cost_nano"))),
             659'058'000);
}

void TestPricesCli::updateFromLoopbackUrl()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", QStringLiteral("/data.json"),
                 HttpResponse::fromFile(pricingFixture(QStringLiteral("genai-prices-0.1.8.excerpt.json"))));
    HttpResponse hang;
    hang.hang = true;
    server.route("GET", QStringLiteral("/slow.json"), hang);
    const QString shipped = bookId();
    const CliRun r = run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
                          server.url(QStringLiteral("/data.json")).toString(), QStringLiteral("--dry-run")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.contains(QStringLiteral("(genai-prices feed)")), qPrintable(r.out + r.err));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(bookId(), shipped); // a dry run activates nothing
    const CliRun missing = run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
                                server.url(QStringLiteral("/nothing.json")).toString()});
    QCOMPARE(missing.code, int(ExitFailure));
    QCOMPARE(missing.err,
             QStringLiteral(
                 "burnrate prices: update refused: 127.0.0.1 answered HTTP 404; the active prices are unchanged\n"));
    const CliRun slow =
        run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
             server.url(QStringLiteral("/slow.json")).toString(), QStringLiteral("--timeout"), QStringLiteral("1")});
    QCOMPARE(slow.code, int(ExitFailure));
    QVERIFY2(slow.err.contains(QStringLiteral("no answer from 127.0.0.1 within 1 s")), qPrintable(slow.err));
    const CliRun plain = run({QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
                              QStringLiteral("http://prices.example.com/data.json")});
    QCOMPARE(plain.code, int(ExitFailure));
    QCOMPARE(plain.err, QStringLiteral("burnrate prices: update refused: plain http is only allowed to this machine "
                                       "(127.0.0.1, localhost); use https; the active prices are unchanged\n"));
    QCOMPARE(bookId(), shipped);
}

void TestPricesCli::usageErrors()
{
    for (const QStringList &args :
         {QStringList{QStringLiteral("prices")}, QStringList{QStringLiteral("prices"), QStringLiteral("show")},
          QStringList{QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"),
                      QStringLiteral("o3")},
          QStringList{QStringLiteral("prices"), QStringLiteral("update")},
          QStringList{QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"),
                      QStringLiteral("o3"), QStringLiteral("--usage"), QStringLiteral("{}"), QStringLiteral("--tier"),
                      QStringLiteral("turbo")},
          QStringList{QStringLiteral("reprice"), QStringLiteral("--since"), QStringLiteral("last week")}}) {
        const CliRun r = run(args);
        QCOMPARE(r.code, int(ExitUsage));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }
}

// Without --at, show and quote price at the CLI's clock, and an update is named and activated at it: o3's base
// version is the one in force on 2025-05-01, long before the system clock.
void TestPricesCli::withoutAtTheClockIsNow()
{
    const FixedClock clock(QDateTime(QDate(2025, 5, 1), QTime(12, 0), Qt::UTC));
    const QString at = QStringLiteral("2025-05-01T12:00:00Z");
    const CliRun show = run({QStringLiteral("prices"), QStringLiteral("show"), QStringLiteral("o3-2025-04-16"),
                             QStringLiteral("--format"), QStringLiteral("json")},
                            &clock);
    QCOMPARE(show.code, int(ExitOk));
    QCOMPARE(show.json().value(QLatin1String("at")).toString(), at);
    QCOMPARE(show.json().value(QLatin1String("version")).toString(), QStringLiteral("base"));
    const CliRun quote =
        run({QStringLiteral("prices"), QStringLiteral("quote"), QStringLiteral("--model"), QStringLiteral("o3"),
             QStringLiteral("--provider"), QStringLiteral("openai"), QStringLiteral("--tier"), QStringLiteral("batch"),
             QStringLiteral("--usage-format"), QStringLiteral("openai"), QStringLiteral("--usage"),
             QStringLiteral(R"({"input_tokens":8000,"input_tokens_details":{"cached_tokens":2048},)"
                            R"("output_tokens":12000,"output_tokens_details":{"reasoning_tokens":10500}})"),
             QStringLiteral("--format"), QStringLiteral("json")},
            &clock);
    QCOMPARE(quote.code, int(ExitOk));
    QCOMPARE(quote.json().value(QLatin1String("at")).toString(), at);
    QCOMPARE(integer(quote.json().value(QLatin1String("total_nano"))), 272'320'000);
    const CliRun update = run(
        {QStringLiteral("prices"), QStringLiteral("update"), QStringLiteral("--from"),
         write(QStringLiteral("clock-feed.json"), feedChanging(QStringLiteral("gpt-4o-mini"), QStringLiteral("0.30")))},
        &clock);
    QCOMPARE(update.code, int(ExitOk));
    QVERIFY2(update.out.contains(QStringLiteral("openai/gpt-4o-mini @2025-05-01: input 0.15 -> 0.30")),
             qPrintable(update.out));
    QVERIFY2(update.out.contains(QStringLiteral("Activated 2025-05-01-")), qPrintable(update.out));
    const CliRun book = run({QStringLiteral("prices"), QStringLiteral("show"), QStringLiteral("gpt-4o-mini")}, &clock);
    QVERIFY2(book.out.contains(QStringLiteral(", activated %1)").arg(at)), qPrintable(book.out));
    QCOMPARE(run({QStringLiteral("prices"), QStringLiteral("reset")}).code, int(ExitOk));
}

QTEST_GUILESS_MAIN(TestPricesCli)
#include "tst_pricescli.moc"
