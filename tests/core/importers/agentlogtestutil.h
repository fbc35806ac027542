#ifndef BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGTESTUTIL_H
#define BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGTESTUTIL_H

#include "fixturetest.h"
#include "importers/agentlogimporter.h"
#include "importers/logdiscovery.h"
#include "ledger/database.h"
#include "ledger/eventrecord.h"
#include "ledger/ledger.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTest>

#include <map>

namespace QTest {
template <>
inline char *toString(const burnrate::TokenCounts &t)
{
    return qstrdup(QByteArray("input " + QByteArray::number(t.inputUncached) + ", cache read " +
                              QByteArray::number(t.cacheRead) + ", write 5m " + QByteArray::number(t.cacheWrite5m) +
                              ", write 1h " + QByteArray::number(t.cacheWrite1h) + ", output " +
                              QByteArray::number(t.output) + ", reasoning " + QByteArray::number(t.reasoning))
                       .constData());
}
} // namespace QTest

namespace burnrate::test {

inline const QString AgentFixtures = fixturePath(QStringLiteral("agent-logs/"));

// The files of tests/fixtures/agent-logs, relative to tests/fixtures.
inline QStringList agentLogFixtureFiles()
{
    return {QStringLiteral("agent-logs/ccusage-test-claude-chat.jsonl"),
            QStringLiteral("agent-logs/ccusage-test-codex-session-alpha.jsonl"),
            QStringLiteral("agent-logs/claude-code-2.1.38-real-session-short.jsonl"),
            QStringLiteral("agent-logs/codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-"
                           "bda6a9c575ff.jsonl")};
}

struct LedgerTotals
{
    TokenCounts tokens;
    std::int64_t requests = 0;
    std::int64_t rows = 0;
    std::int64_t reportedCostNano = 0;
    std::int64_t pricedRows = 0;
};

inline LedgerTotals ledgerTotals(Ledger &ledger, const QString &source)
{
    Statement &s = ledger.db().cached(
        "SELECT COUNT(*), COALESCE(SUM(requests), 0), COALESCE(SUM(input_uncached), 0), COALESCE(SUM(cache_read), 0),"
        " COALESCE(SUM(cache_write_5m), 0), COALESCE(SUM(cache_write_1h), 0), COALESCE(SUM(output), 0),"
        " COALESCE(SUM(reasoning), 0), COALESCE(SUM(reported_cost_nano), 0), COUNT(cost_nano) FROM events"
        " WHERE source = ?1");
    s.bind(1, source);
    LedgerTotals t;
    if (s.step() == Statement::Step::Row) {
        t.rows = s.int64(0);
        t.requests = s.int64(1);
        t.tokens.inputUncached = s.int64(2);
        t.tokens.cacheRead = s.int64(3);
        t.tokens.cacheWrite5m = s.int64(4);
        t.tokens.cacheWrite1h = s.int64(5);
        t.tokens.output = s.int64(6);
        t.tokens.reasoning = s.int64(7);
        t.reportedCostNano = s.int64(8);
        t.pricedRows = s.int64(9);
    }
    s.reset();
    return t;
}

// Tokens and requests per conversation, from the conversation rollups (what reports read).
inline std::map<QString, std::pair<TokenCounts, std::int64_t>> byConversation(Ledger &ledger, const QString &source)
{
    Statement &s = ledger.db().cached(
        "SELECT conversation_id, SUM(input_uncached), SUM(cache_read), SUM(cache_write_5m), SUM(cache_write_1h),"
        " SUM(output), SUM(reasoning), SUM(requests) FROM conversation_rollups WHERE source = ?1"
        " GROUP BY conversation_id");
    s.bind(1, source);
    std::map<QString, std::pair<TokenCounts, std::int64_t>> out;
    while (s.step() == Statement::Step::Row) {
        TokenCounts t;
        t.inputUncached = s.int64(1);
        t.cacheRead = s.int64(2);
        t.cacheWrite5m = s.int64(3);
        t.cacheWrite1h = s.int64(4);
        t.output = s.int64(5);
        t.reasoning = s.int64(6);
        out[s.text(0)] = {t, s.int64(7)};
    }
    s.reset();
    return out;
}

// The daily rollups and the conversation rollups both add up to the events.
inline void verifyRollupsMatchEvents(Ledger &ledger)
{
    auto one = [&](const char *sql) {
        return ledger.db().queryInt64(sql).value_or(-1);
    };
    const std::int64_t events = one(
        "SELECT COALESCE(SUM(input_uncached + cache_read + cache_write_5m + cache_write_1h + output), 0) FROM events");
    QCOMPARE(one("SELECT COALESCE(SUM(input_uncached + cache_read + cache_write_5m + cache_write_1h + output), 0)"
                 " FROM rollups"),
             events);
    QCOMPARE(one("SELECT COALESCE(SUM(input_uncached + cache_read + cache_write_5m + cache_write_1h + output), 0)"
                 " FROM conversation_rollups"),
             events);
    QCOMPARE(one("SELECT COALESCE(SUM(events), 0) FROM conversation_rollups"), one("SELECT COUNT(*) FROM events"));
    QCOMPARE(one("SELECT COUNT(*) FROM import_origins"), one("SELECT COUNT(*) FROM events WHERE source IN"
                                                             " ('claude-code', 'codex')"));
}

// Every row of a table, as comparable text, in key order.
inline QStringList tableRows(Ledger &l, const char *table)
{
    auto select = l.db().prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3, 4, 5, 6, 7");
    if (!select) {
        return {QStringLiteral("error: ") + select.error()};
    }
    QStringList rows;
    while (select->step() == Statement::Step::Row) {
        QStringList cells;
        for (int c = 0; c < select->columnCount(); ++c) {
            cells << (select->isNull(c) ? QStringLiteral("NULL") : select->text(c));
        }
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

// The rollups an import kept as it went equal, row for row, the ones a rebuild computes from the events.
inline void verifyRollupsEqualRebuild(Ledger &ledger)
{
    const QStringList rollups = tableRows(ledger, "rollups");
    const QStringList conversations = tableRows(ledger, "conversation_rollups");
    QVERIFY(ledger.rebuildRollups());
    QCOMPARE(tableRows(ledger, "rollups"), rollups);
    QCOMPARE(tableRows(ledger, "conversation_rollups"), conversations);
}

// Everything an import leaves (requests, rollups, checkpoints, integrity), as comparable text.
inline QStringList ledgerSnapshot(Ledger &ledger)
{
    QStringList out;
    for (const char *sql :
         {"SELECT source_key, conversation_id, project, model, occurred_at, input_uncached, cache_read, cache_write_5m,"
          " cache_write_1h, output FROM events ORDER BY source_key",
          "SELECT conversation_id, day, project, model, events, requests, input_uncached, cache_read, cache_write_5m,"
          " cache_write_1h, output, first_at, last_at FROM conversation_rollups ORDER BY 1, 2, 3, 4",
          "SELECT day, model, requests, input_uncached, cache_read, cache_write_5m, cache_write_1h, output FROM rollups"
          " ORDER BY 1, 2",
          "SELECT path, byte_offset, line_count, bad_lines, size FROM import_checkpoints ORDER BY path",
          "PRAGMA integrity_check"}) {
        auto s = ledger.db().prepare(sql);
        if (!s) {
            return {s.error()};
        }
        while (s->step() == Statement::Step::Row) {
            QStringList cells;
            for (int c = 0; c < 13; ++c) {
                cells << s->text(c);
            }
            out << cells.join(QLatin1Char('|'));
        }
    }
    return out;
}

inline bool writeFile(const QString &path, const QByteArray &content, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(mode)) {
        return false;
    }
    return f.write(content) == content.size();
}

inline bool copyFixture(const QString &name, const QString &to)
{
    QFile in(AgentFixtures + name);
    return in.open(QIODevice::ReadOnly) && writeFile(to, in.readAll());
}

inline Result<AgentLogImportSummary> importInto(Ledger &ledger, AgentLogSource source, const QStringList &roots,
                                                int threads = 0, Billing billing = Billing::Api)
{
    AgentLogImportOptions options;
    options.threads = threads;
    options.billing = billing;
    return AgentLogImporter(ledger, source, options).importRoots(roots);
}

// One Claude Code assistant line.
inline QByteArray claudeLine(const QByteArray &session, const QByteArray &msg, const QByteArray &req,
                             std::int64_t input, std::int64_t cacheRead, std::int64_t write1h, std::int64_t output,
                             const QByteArray &timestamp, bool sidechain = false)
{
    QByteArray l = R"({"isSidechain":)" + QByteArray(sidechain ? "true" : "false") +
                   R"(,"cwd":"/home/dev/app","sessionId":")" + session +
                   R"(","message":{"model":"claude-sonnet-4-5","id":")" + msg +
                   R"(","role":"assistant","content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":)" +
                   QByteArray::number(input) + R"(,"cache_creation_input_tokens":)" + QByteArray::number(write1h) +
                   R"(,"cache_read_input_tokens":)" + QByteArray::number(cacheRead) +
                   R"(,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":)" +
                   QByteArray::number(write1h) + R"(},"output_tokens":)" + QByteArray::number(output) + "}}";
    if (!req.isEmpty()) {
        l += R"(,"requestId":")" + req + "\"";
    }
    return l + R"(,"type":"assistant","timestamp":")" + timestamp + "\"}\n";
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_IMPORTERS_AGENTLOGTESTUTIL_H
