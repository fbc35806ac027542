#include "ledger/ledger.h"

#include "ledger/database.h"
#include "ledger/eventdeltas.h"
#include "ledger/ledgerlog.h"
#include "ledger/migrations.h"

#include <QDir>
#include <QFile>

namespace burnrate {

namespace {
const QString RollupZoneKey = QStringLiteral("rollup_timezone");
}

Ledger::Ledger(std::unique_ptr<Database> db, QString dataDir, LocalCalendar calendar)
    : m_db(std::move(db))
    , m_dataDir(std::move(dataDir))
    , m_calendar(std::move(calendar))
{}

Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::open(const QString &dataDir, LocalCalendar calendar, Database::Options options)
{
    using R = Result<std::unique_ptr<Ledger>>;
    if (!QDir().mkpath(dataDir)) {
        return R::failure(QStringLiteral("cannot create the data folder %1").arg(dataDir));
    }
    QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    auto db = Database::open(QDir(dataDir).filePath(fileName()), std::move(options));
    if (!db) {
        return R::failure(db.error());
    }
    if (auto st = Migrations::migrate(**db); !st) {
        return R::failure(st.error());
    }
    std::unique_ptr<Ledger> ledger(new Ledger(std::move(db).value(), dataDir, std::move(calendar)));
    const QString zone = QString::fromUtf8(ledger->m_calendar.zoneId());
    if (ledger->meta(RollupZoneKey) != zone) {
        qCDebug(lcLedger) << "rebuilding the rollups for the time zone" << zone;
        if (auto st = ledger->rebuildRollups(); !st) {
            return R::failure(st.error());
        }
    }
    qCDebug(lcLedger) << "opened" << ledger->m_db->path() << "schema" << ledger->m_db->userVersion() << "zone" << zone;
    return ledger;
}

Status Ledger::setCalendar(LocalCalendar calendar)
{
    if (calendar.zoneId() == m_calendar.zoneId()) {
        m_calendar = std::move(calendar);
        return okStatus();
    }
    qCDebug(lcLedger) << "rebuilding the rollups for the time zone" << calendar.zoneId();
    std::swap(m_calendar, calendar);
    if (auto st = rebuildRollups(); !st) {
        std::swap(m_calendar, calendar);
        return st;
    }
    return okStatus();
}

QString Ledger::meta(const QString &key) const
{
    Statement &s = m_db->cached("SELECT value FROM meta WHERE key = ?1");
    s.bind(1, key);
    QString value;
    if (s.step() == Statement::Step::Row) {
        value = s.text(0);
    }
    s.reset();
    return value;
}

Status Ledger::removeMeta(const QString &key)
{
    Statement &s = m_db->cached("DELETE FROM meta WHERE key = ?1");
    s.bind(1, key);
    if (!s.exec()) {
        return Status::failure(m_db->lastError());
    }
    return okStatus();
}

Status Ledger::setMeta(const QString &key, const QString &value)
{
    Statement &s = m_db->cached("INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key);
    s.bind(2, value);
    if (!s.exec()) {
        return Status::failure(m_db->lastError());
    }
    return okStatus();
}

Status Ledger::rebuildRollups()
{
    Transaction tx(*m_db);
    if (!tx.isActive()) {
        return Status::failure(tx.error());
    }
    if (auto st = rebuildRollupsInTransaction(); !st) {
        return st;
    }
    return tx.commit();
}

Status Ledger::rebuildRollupsInTransaction()
{
    if (auto st = m_db->exec("DELETE FROM rollups; DELETE FROM conversation_rollups; DELETE FROM workflow_rollups");
        !st) {
        return st;
    }
    auto select =
        m_db->prepare("SELECT occurred_at, provider, model, source, billing, input_uncached, cache_read,"
                      " cache_write_5m, cache_write_1h, output, reasoning, requests, cost_nano, conversation_id,"
                      " project, workflow_id, workflow_type, status, outcome, retries, tool_calls, latency_ms"
                      " FROM events");
    if (!select) {
        return Status::failure(select.error());
    }
    EventDeltas deltas;
    EventRecord e;
    Statement::Step step;
    while ((step = select->step()) == Statement::Step::Row) {
        e.occurredAtMs = select->int64(0);
        e.provider = select->text(1);
        e.model = select->text(2);
        e.source = select->text(3);
        e.billing = select->textView(4) == "subscription" ? Billing::Subscription : Billing::Api;
        e.tokens.inputUncached = select->int64(5);
        e.tokens.cacheRead = select->int64(6);
        e.tokens.cacheWrite5m = select->int64(7);
        e.tokens.cacheWrite1h = select->int64(8);
        e.tokens.output = select->int64(9);
        e.tokens.reasoning = select->int64(10);
        e.requests = select->int64(11);
        e.costNano = select->optionalInt64(12);
        e.conversationId = select->text(13);
        e.project = select->text(14);
        e.workflowId = select->text(15);
        e.workflowType = select->text(16);
        e.status = select->text(17);
        e.outcome = select->text(18);
        e.retries = select->int64(19);
        e.toolCalls = select->int64(20);
        e.latencyMs = select->optionalInt64(21);
        deltas.add(m_calendar, e, +1);
    }
    if (step == Statement::Step::Error) {
        return Status::failure(m_db->lastError());
    }
    if (auto st = deltas.applyTo(*m_db, m_calendar); !st) {
        return st;
    }
    return setMeta(RollupZoneKey, QString::fromUtf8(m_calendar.zoneId()));
}

} // namespace burnrate
