// burnrate reprice [--since DATE] [--until DATE] [--dry-run]: re-prices stored events with the active
// book, in one transaction, and prints the before/after difference per model. Never implicit.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "money/money.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"

#include <QMap>
#include <QTextStream>

#include <limits>

namespace burnrate::cli {

namespace {

constexpr int Chunk = 5000;

constexpr std::string_view SelectSql =
    "SELECT id, source, source_key, occurred_at, ended_at, provider, model, conversation_id, project, workflow_id,"
    " workflow_type, agent, user_id, feature, environment, prompt_version, tags, input_uncached, cache_read,"
    " cache_write_5m, cache_write_1h, output, reasoning, requests, tool_calls, retries, latency_ms, payload_bytes,"
    " status, outcome, service_tier, reported_cost_nano, cost_nano, price_ref, billing FROM events"
    " WHERE id > ?1 AND occurred_at >= ?2 AND occurred_at < ?3 ORDER BY id LIMIT ?4";

EventRecord readEvent(const Statement &s)
{
    EventRecord e;
    int c = 1;
    e.source = s.text(c++);
    e.sourceKey = s.text(c++);
    e.occurredAtMs = s.int64(c++);
    e.endedAtMs = s.optionalInt64(c++);
    for (QString *t : {&e.provider, &e.model, &e.conversationId, &e.project, &e.workflowId, &e.workflowType, &e.agent,
                       &e.userId, &e.feature, &e.environment, &e.promptVersion, &e.tagsJson}) {
        *t = s.text(c++);
    }
    for (std::int64_t *n :
         {&e.tokens.inputUncached, &e.tokens.cacheRead, &e.tokens.cacheWrite5m, &e.tokens.cacheWrite1h,
          &e.tokens.output, &e.tokens.reasoning, &e.requests, &e.toolCalls, &e.retries}) {
        *n = s.int64(c++);
    }
    e.latencyMs = s.optionalInt64(c++);
    e.payloadBytes = s.optionalInt64(c++);
    e.status = s.text(c++);
    e.outcome = s.text(c++);
    e.serviceTier = s.text(c++);
    e.reportedCostNano = s.optionalInt64(c++);
    e.costNano = s.optionalInt64(c++);
    e.priceRef = s.text(c++);
    e.billing = s.textView(c) == "subscription" ? Billing::Subscription : Billing::Api;
    return e;
}

struct ModelDiff
{
    std::int64_t events = 0;
    std::int64_t changed = 0;
    std::int64_t beforeNano = 0;
    std::int64_t afterNano = 0;
    std::int64_t unpricedBefore = 0;
    std::int64_t unpricedAfter = 0;
};

QString signedUsd(std::int64_t nano)
{
    return (nano > 0 ? QStringLiteral("+") : QString()) + Money::fromNano(nano).toDecimalString();
}

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate reprice: " << message << Qt::endl;
    return ExitUsage;
}

} // namespace

int runReprice(CommandContext &ctx, const QStringList &args)
{
    auto parsed =
        Arguments::parse(args, {QStringLiteral("--since"), QStringLiteral("--until")}, {QStringLiteral("--dry-run")});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    if (!parsed->positionals().isEmpty()) {
        return usage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(parsed->positionals().first()));
    }
    std::optional<QDate> since, until;
    for (const auto &[option, target] :
         {std::pair{QStringLiteral("--since"), &since}, std::pair{QStringLiteral("--until"), &until}}) {
        if (parsed->has(option)) {
            const QString text = parsed->value(option);
            const QDate d = QDate::fromString(text, Qt::ISODate);
            if (!d.isValid() || text.size() != 10) {
                return usage(ctx, QStringLiteral("%1 must be a date YYYY-MM-DD (not \"%2\")").arg(option, text));
            }
            *target = d;
        }
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    PriceStore store(**ledger);
    auto book = store.load();
    if (!book) {
        ctx.err << "burnrate reprice: cannot load the price book: " << book.error() << Qt::endl;
        return ExitFailure;
    }
    Database &db = (**ledger).db();
    const LocalCalendar &cal = (**ledger).calendar();
    const std::int64_t from = since ? cal.startOfDayUtcMs(*since) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t to = until ? cal.startOfDayUtcMs(until->addDays(1)) : std::numeric_limits<std::int64_t>::max();
    const bool dryRun = parsed->has(QStringLiteral("--dry-run"));

    Pricer pricer(**book);
    QMap<std::pair<QString, QString>, ModelDiff> diffs;
    EventWriter writer(db, (**ledger).calendar());
    if (!writer.isActive()) {
        ctx.err << "burnrate reprice: cannot write to the ledger: " << db.lastError() << Qt::endl;
        return ExitFailure;
    }
    auto select = db.prepare(SelectSql);
    if (!select) {
        ctx.err << "burnrate reprice: " << select.error() << Qt::endl;
        return ExitFailure;
    }
    std::int64_t lastId = 0;
    std::int64_t total = 0;
    for (;;) {
        select->reset();
        select->bind(1, lastId);
        select->bind(2, from);
        select->bind(3, to);
        select->bind(4, Chunk);
        std::vector<EventRecord> changed;
        int rows = 0;
        Statement::Step step;
        while ((step = select->step()) == Statement::Step::Row) {
            ++rows;
            lastId = select->int64(0);
            EventRecord e = readEvent(*select);
            const EventRecord before = e;
            pricer.priceEvent(e);
            ModelDiff &d = diffs[{e.model, e.provider}];
            ++d.events;
            d.beforeNano += before.costNano.value_or(0);
            d.afterNano += e.costNano.value_or(0);
            d.unpricedBefore += before.costNano ? 0 : 1;
            d.unpricedAfter += e.costNano ? 0 : 1;
            if (e.costNano != before.costNano || e.priceRef != before.priceRef) {
                ++d.changed;
                changed.push_back(std::move(e));
            }
        }
        if (step == Statement::Step::Error) {
            ctx.err << "burnrate reprice: " << db.lastError() << Qt::endl;
            return ExitFailure;
        }
        select->reset();
        total += rows;
        if (!dryRun) {
            for (const EventRecord &e : changed) {
                if (auto st = writer.upsert(e); !st) {
                    ctx.err << "burnrate reprice: " << st.error() << "; nothing was changed" << Qt::endl;
                    return ExitFailure;
                }
            }
        }
        if (rows < Chunk) {
            break;
        }
    }
    QTextStream &o = ctx.out;
    o << "Re-pricing " << total << " events"
      << (since ? QStringLiteral(" from %1").arg(since->toString(Qt::ISODate)) : QString())
      << (until ? QStringLiteral(" to %1").arg(until->toString(Qt::ISODate)) : QString()) << " with " << (*book)->id()
      << " (" << store.describeBase() << ")\n\n";
    ModelDiff sum;
    QStringList header = {QStringLiteral("MODEL"),      QStringLiteral("PROVIDER"),     QStringLiteral("EVENTS"),
                          QStringLiteral("CHANGED"),    QStringLiteral("BEFORE (USD)"), QStringLiteral("AFTER (USD)"),
                          QStringLiteral("DIFFERENCE"), QStringLiteral("UNPRICED")};
    QList<QStringList> table{header};
    for (auto it = diffs.begin(); it != diffs.end(); ++it) {
        const ModelDiff &d = it.value();
        table.append({it.key().first, it.key().second, QString::number(d.events), QString::number(d.changed),
                      Money::fromNano(d.beforeNano).toDecimalString(), Money::fromNano(d.afterNano).toDecimalString(),
                      signedUsd(d.afterNano - d.beforeNano),
                      QStringLiteral("%1 -> %2").arg(d.unpricedBefore).arg(d.unpricedAfter)});
        sum.events += d.events;
        sum.changed += d.changed;
        sum.beforeNano += d.beforeNano;
        sum.afterNano += d.afterNano;
        sum.unpricedBefore += d.unpricedBefore;
        sum.unpricedAfter += d.unpricedAfter;
    }
    table.append({QStringLiteral("TOTAL"), QString(), QString::number(sum.events), QString::number(sum.changed),
                  Money::fromNano(sum.beforeNano).toDecimalString(), Money::fromNano(sum.afterNano).toDecimalString(),
                  signedUsd(sum.afterNano - sum.beforeNano),
                  QStringLiteral("%1 -> %2").arg(sum.unpricedBefore).arg(sum.unpricedAfter)});
    QList<qsizetype> width(header.size(), 0);
    for (const auto &row : table) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            width[i] = std::max(width[i], row.at(i).size());
        }
    }
    for (const auto &row : table) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line +=
                (i < 2 ? row.at(i).leftJustified(width[i]) : row.at(i).rightJustified(width[i])) + QStringLiteral("  ");
        }
        o << line.trimmed() << '\n';
    }
    o << '\n';
    if (dryRun) {
        o << "Dry run: " << sum.changed << " events would change; nothing was written.\n";
        return ExitOk;
    }
    if (auto st = writer.commit(); !st) {
        ctx.err << "burnrate reprice: " << st.error() << "; nothing was changed" << Qt::endl;
        return ExitFailure;
    }
    o << (sum.changed == 0
              ? QStringLiteral("Nothing to change.\n")
              : QStringLiteral("Re-priced %1 events in one transaction; rollups updated.\n").arg(sum.changed));
    return ExitOk;
}

} // namespace burnrate::cli
