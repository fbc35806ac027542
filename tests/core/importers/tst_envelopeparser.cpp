#include "importers/envelopeparser.h"

#include <QTest>

#include <simdjson.h>

#include <string>

using namespace burnrate;

namespace {

Result<EventRecord> parseJson(EnvelopeParser &p, const std::string &line)
{
    std::string padded = line;
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    return p.parseJsonLine(std::string_view(padded.data(), line.size()));
}

const std::string Base =
    R"("request_id":"r1","provider":"OpenAI","model":"gpt-4o","started_at":"2026-11-02T18:00:00Z")";

} // namespace

class TestEnvelopeParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenClasses();
    void exactReportedCost();
    void rejects_data();
    void rejects();
    void tagsAreCanonical();
    void ignoresUnknownFields();
    void csvLine();
    void csvRejects();
};

void TestEnvelopeParser::tokenClasses()
{
    EnvelopeParser p(QStringLiteral("events"));
    const auto e =
        parseJson(p, "{" + Base + R"(,"input_tokens":10000,"cached_input_tokens":6000,"cache_write_tokens":3000,
        "cache_write_1h_tokens":1000,"output_tokens":500,"reasoning_tokens":200,"service_tier":"default"})");
    QVERIFY2(e.ok(), qPrintable(e.error()));
    QCOMPARE(e->tokens.inputUncached, std::int64_t(1000));
    QCOMPARE(e->tokens.cacheRead, std::int64_t(6000));
    QCOMPARE(e->tokens.cacheWrite5m, std::int64_t(2000));
    QCOMPARE(e->tokens.cacheWrite1h, std::int64_t(1000));
    QCOMPARE(e->tokens.output, std::int64_t(500));
    QCOMPARE(e->tokens.reasoning, std::int64_t(200));
    QCOMPARE(e->provider, QStringLiteral("openai"));
    QCOMPARE(e->serviceTier, QStringLiteral("standard"));
    QCOMPARE(e->occurredAtMs, std::int64_t(1793642400000));
    QVERIFY(!e->costNano.has_value()); // no estimate, no pricing yet: unpriced, not zero
}

void TestEnvelopeParser::exactReportedCost()
{
    EnvelopeParser p(QStringLiteral("events"));
    for (const auto &[json, nano] : {std::pair{std::string("0.0342"), std::int64_t(34'200'000)},
                                     std::pair{std::string("\"0.0342\""), std::int64_t(34'200'000)},
                                     std::pair{std::string("1.1e-2"), std::int64_t(11'000'000)},
                                     std::pair{std::string("0.30000000000000004"), std::int64_t(300'000'000)}}) {
        const auto e = parseJson(p, "{" + Base + R"(,"estimated_cost_usd":)" + json + "}");
        QVERIFY2(e.ok(), qPrintable(e.error()));
        QCOMPARE(e->reportedCostNano, std::optional<std::int64_t>(nano));
        QVERIFY(!e->costNano.has_value()); // stored as reported; the importer prices the event
    }
}

void TestEnvelopeParser::rejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("truncated") << QByteArray(R"({"request_id":"r1","model":"x")")
                               << QStringLiteral("not valid JSON: the object is not closed (truncated line?)");
    QTest::addRow("array") << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
    QTest::addRow("no request id") << QByteArray(
                                          R"({"provider":"openai","model":"m","started_at":"2026-11-02T18:00:00Z"})")
                                   << QStringLiteral("missing required field \"request_id\"");
    QTest::addRow("no provider") << QByteArray(R"({"request_id":"r","model":"m","started_at":"2026-11-02T18:00:00Z"})")
                                 << QStringLiteral("missing required field \"provider\"");
    QTest::addRow("no zone")
        << QByteArray(R"({"request_id":"r","provider":"p","model":"m","started_at":"2026-11-02T18:00:00"})")
        << QStringLiteral("started_at is not an RFC 3339 timestamp with a zone: \"2026-11-02T18:00:00\"");
    QTest::addRow("negative") << QByteArray(("{" + Base + R"(,"input_tokens":-5})").c_str())
                              << QStringLiteral("input_tokens must not be negative (-5)");
    QTest::addRow("fraction") << QByteArray(("{" + Base + R"(,"output_tokens":1.5})").c_str())
                              << QStringLiteral("output_tokens must be a whole number, not 1.5");
    QTest::addRow("cached above input")
        << QByteArray(("{" + Base + R"(,"input_tokens":100,"cached_input_tokens":500})").c_str())
        << QStringLiteral("cached_input_tokens (500) exceeds input_tokens (100)");
    QTest::addRow("reads and writes above input")
        << QByteArray(("{" + Base + R"(,"input_tokens":100,"cached_input_tokens":60,"cache_write_tokens":50})").c_str())
        << QStringLiteral("cached_input_tokens + cache_write_tokens (110) exceed input_tokens (100)");
    QTest::addRow("1h above writes")
        << QByteArray(("{" + Base + R"(,"input_tokens":100,"cache_write_tokens":5,"cache_write_1h_tokens":6})").c_str())
        << QStringLiteral("cache_write_1h_tokens (6) exceeds cache_write_tokens (5)");
    QTest::addRow("reasoning above output")
        << QByteArray(("{" + Base + R"(,"output_tokens":10,"reasoning_tokens":11})").c_str())
        << QStringLiteral("reasoning_tokens (11) exceeds output_tokens (10)");
    QTest::addRow("bad status") << QByteArray(("{" + Base + R"(,"status":"ok"})").c_str())
                                << QStringLiteral("status must be success, error or timeout, not \"ok\"");
    QTest::addRow("bad tier") << QByteArray(("{" + Base + R"(,"service_tier":"turbo"})").c_str())
                              << QStringLiteral(
                                     "service_tier must be standard, batch, flex or priority, not \"turbo\"");
    QTest::addRow("negative cost") << QByteArray(("{" + Base + R"(,"estimated_cost_usd":-0.1})").c_str())
                                   << QStringLiteral("estimated_cost_usd must not be negative (-0.1)");
    QTest::addRow("cost words") << QByteArray(("{" + Base + R"(,"estimated_cost_usd":"cheap"})").c_str())
                                << QStringLiteral("estimated_cost_usd: not a decimal amount: \"cheap\"");
    QTest::addRow("ended before started") << QByteArray(("{" + Base + R"(,"ended_at":"2026-11-02T17:00:00Z"})").c_str())
                                          << QStringLiteral("ended_at is before started_at");
    QTest::addRow("nested tags") << QByteArray(("{" + Base + R"(,"tags":{"a":{"b":1}}})").c_str())
                                 << QStringLiteral(
                                        "tags must be an object whose values are strings, numbers or booleans");
    QTest::addRow("model object")
        << QByteArray(R"({"request_id":"r","provider":"p","model":{},"started_at":"2026-11-02T18:00:00Z"})")
        << QStringLiteral("model must be a string, not object");
    // The limits of one request (ledger/eventlimits.h): checked before any sum, so nothing can wrap.
    QTest::addRow("int64 max tokens")
        << QByteArray(
               ("{" + Base + R"(,"input_tokens":9223372036854775807,"output_tokens":9223372036854775807})").c_str())
        << QStringLiteral("input_tokens is 9223372036854775807 (at most 1000000000000)");
    QTest::addRow("int64 max cached")
        << QByteArray(
               ("{" + Base +
                R"(,"input_tokens":10,"cached_input_tokens":9223372036854775807,"cache_write_tokens":9223372036854775807})")
                   .c_str())
        << QStringLiteral("cached_input_tokens is 9223372036854775807 (at most 1000000000000)");
    QTest::addRow("latency of a year") << QByteArray(("{" + Base + R"(,"latency_ms":31536000000})").c_str())
                                       << QStringLiteral("latency_ms is 31536000000 (at most 2592000000)");
    QTest::addRow("long model") << QByteArray((R"({"request_id":"r","provider":"p","model":")" +
                                               std::string(100'000, 'm') + R"(","started_at":"2026-11-02T18:00:00Z"})")
                                                  .c_str())
                                << QStringLiteral("model is 100000 characters long (at most 256)");
    QTest::addRow("long project") << QByteArray(
                                         ("{" + Base + R"(,"project":")" + std::string(1025, 'p') + R"("})").c_str())
                                  << QStringLiteral("project is 1025 characters long (at most 1024)");
    QTest::addRow("long tag value")
        << QByteArray(("{" + Base + R"(,"tags":{"team":")" + std::string(513, 'v') + R"("}})").c_str())
        << QStringLiteral("the value of tag \"team\" is 513 characters long (at most 512)");
    std::string emoji;
    for (int i = 0; i < 257; ++i) {
        emoji += "\xF0\x9F\x98\x80"; // U+1F600: two UTF-16 code units
    }
    QTest::addRow("tag value of emoji") << QByteArray(("{" + Base + R"(,"tags":{"team":")" + emoji + R"("}})").c_str())
                                        << QStringLiteral(
                                               "the value of tag \"team\" is 514 characters long (at most 512)");
    std::string manyTags;
    for (int i = 0; i < 65; ++i) {
        manyTags += (i ? "," : "") + ("\"k" + std::to_string(i) + "\":\"v\"");
    }
    QTest::addRow("65 tags") << QByteArray(("{" + Base + R"(,"tags":{)" + manyTags + "}}").c_str())
                             << QStringLiteral("65 tags (at most 64)");
    QTest::addRow("huge reported cost") << QByteArray(("{" + Base + R"(,"estimated_cost_usd":"2000000"})").c_str())
                                        << QStringLiteral("the reported cost in nano-USD is 2000000000000000 (at most "
                                                          "1000000000000000)");
}

void TestEnvelopeParser::rejects()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    EnvelopeParser p(QStringLiteral("events"));
    const auto e = parseJson(p, line.toStdString());
    QVERIFY(!e.ok());
    QCOMPARE(e.error(), reason);
}

void TestEnvelopeParser::tagsAreCanonical()
{
    EnvelopeParser p(QStringLiteral("events"));
    const auto e = parseJson(p, "{" + Base + R"(,"tags":{"team":"research","cost_center":42,"beta":true,"x":null}})");
    QVERIFY2(e.ok(), qPrintable(e.error()));
    QCOMPARE(e->tagsJson, QStringLiteral(R"({"beta":"true","cost_center":"42","team":"research"})"));
}

void TestEnvelopeParser::ignoresUnknownFields()
{
    EnvelopeParser p(QStringLiteral("events"));
    const auto e = parseJson(p, "{" + Base + R"(,"future_field":{"deep":[1,2,{"x":"y"}]},"input_tokens":7})");
    QVERIFY2(e.ok(), qPrintable(e.error()));
    QCOMPARE(e->tokens.inputUncached, std::int64_t(7));
}

void TestEnvelopeParser::csvLine()
{
    EnvelopeParser p(QStringLiteral("events"));
    QVERIFY(p.setCsvHeader("request_id,provider,model,started_at,input_tokens,cached_input_tokens,output_tokens,"
                           "estimated_cost_usd,tag.team,tags,unknown"));
    const auto e = p.parseCsvLine(
        R"(r1,anthropic,claude-sonnet-4-5,2026-11-02T18:00:00Z,9100,8000,410,"0.01",research,"{""env"":""prod""}",zz)");
    QVERIFY2(e.ok(), qPrintable(e.error()));
    QCOMPARE(e->tokens.inputUncached, std::int64_t(1100));
    QCOMPARE(e->tokens.cacheRead, std::int64_t(8000));
    QCOMPARE(e->reportedCostNano, std::optional<std::int64_t>(10'000'000));
    QCOMPARE(e->tagsJson, QStringLiteral(R"({"env":"prod","team":"research"})"));
}

void TestEnvelopeParser::csvRejects()
{
    EnvelopeParser p(QStringLiteral("events"));
    QVERIFY(!p.setCsvHeader("provider,model"));
    QVERIFY(p.setCsvHeader("request_id,provider,model,started_at,input_tokens"));
    QCOMPARE(p.parseCsvLine("r1,openai,gpt-4o").error(),
             QStringLiteral("expected 5 CSV cells as in the header, found 3"));
    QCOMPARE(p.parseCsvLine("r1,openai,gpt-4o,2026-11-02T18:00:00Z,many").error(),
             QStringLiteral("input_tokens must be a whole number, not many"));
    const std::string_view unterminated = "r1,\"openai,gpt-4o,2026-11-02T18:00:00Z,1";
    QCOMPARE(p.parseCsvLine(unterminated).error(),
             QStringLiteral("unterminated quoted CSV cell (cells may not span lines)"));
}

QTEST_GUILESS_MAIN(TestEnvelopeParser)
#include "tst_envelopeparser.moc"
