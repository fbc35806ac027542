#include "budget/budgetstore.h"

#include "ledger/database.h"

namespace burnrate {

namespace {

constexpr std::string_view SelectBudget = "SELECT id, name, scope, scope_value, period, start_day, amount_nano,"
                                          " thresholds, created_at FROM budgets";

QString thresholdsJson(const QList<int> &thresholds)
{
    return QLatin1Char('[') + Budget::thresholdsText(thresholds) + QLatin1Char(']');
}

QString scopeKindName(BudgetScope::Kind kind)
{
    switch (kind) {
    case BudgetScope::Kind::Global:
        break;
    case BudgetScope::Kind::Provider:
        return QStringLiteral("provider");
    case BudgetScope::Kind::Workflow:
        return QStringLiteral("workflow");
    case BudgetScope::Kind::Tag:
        return QStringLiteral("tag");
    }
    return QStringLiteral("global");
}

QString scopeValue(const BudgetScope &scope)
{
    switch (scope.kind) {
    case BudgetScope::Kind::Global:
        return QString();
    case BudgetScope::Kind::Tag:
        return scope.value + QLatin1Char('=') + scope.tagValue;
    default:
        return scope.value;
    }
}

QString dateKey(QDate date)
{
    return date.toString(Qt::ISODate);
}

Status failure(Database &db, const char *what)
{
    return Status::failure(QStringLiteral("cannot %1: %2").arg(QLatin1String(what), db.lastError()));
}

} // namespace

BudgetStore::BudgetStore(Database &db)
    : m_db(db)
{}

Budget BudgetStore::read(const Statement &s)
{
    Budget b;
    b.id = s.int64(0);
    b.name = s.text(1);
    const QString kind = s.text(2);
    const QString value = s.text(3);
    if (kind != QLatin1String("global")) {
        if (auto scope = BudgetScope::parse(kind + QLatin1Char(':') + value)) {
            b.scope = *scope;
        }
    }
    if (auto period = budgetPeriodFromName(s.text(4))) {
        b.period = *period;
    }
    b.startDay = static_cast<int>(s.int64(5));
    b.amountNano = s.int64(6);
    QString thresholds = s.text(7);
    thresholds.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    if (auto parsed = Budget::parseThresholds(thresholds)) {
        b.thresholds = *parsed;
    }
    b.createdAtMs = s.int64(8);
    return b;
}

Result<QList<Budget>> BudgetStore::list()
{
    Statement &s = m_db.cached(std::string(SelectBudget) + " ORDER BY id");
    QList<Budget> out;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        out.append(read(s));
    }
    s.reset();
    if (step == Statement::Step::Error) {
        return Result<QList<Budget>>::failure(failure(m_db, "read the budgets").error());
    }
    return out;
}

Result<std::optional<Budget>> BudgetStore::find(const QString &name)
{
    using R = Result<std::optional<Budget>>;
    Statement &s = m_db.cached(std::string(SelectBudget) + " WHERE name = ?1");
    s.bind(1, name);
    std::optional<Budget> found;
    const auto step = s.step();
    if (step == Statement::Step::Row) {
        found = read(s);
    }
    s.reset();
    if (step == Statement::Step::Error) {
        return R::failure(failure(m_db, "read the budgets").error());
    }
    return R(found);
}

Result<Budget> BudgetStore::save(Budget budget, std::int64_t nowMs)
{
    using R = Result<Budget>;
    if (const QString problem = budget.validate(); !problem.isEmpty()) {
        return R::failure(problem);
    }
    Transaction tx(m_db);
    if (!tx.isActive()) {
        return R::failure(tx.error());
    }
    auto existing = find(budget.name);
    if (!existing) {
        return R::failure(existing.error());
    }
    if (*existing) {
        const Budget &old = **existing;
        budget.id = old.id;
        budget.createdAtMs = old.createdAtMs;
        if (old.sameDefinition(budget)) {
            return budget;
        }
        Statement &update = m_db.cached("UPDATE budgets SET scope = ?2, scope_value = ?3, period = ?4, start_day = ?5,"
                                        " amount_nano = ?6, thresholds = ?7 WHERE id = ?1");
        update.bind(1, budget.id);
        Statement &forget = m_db.cached("DELETE FROM alerts WHERE budget_id = ?1");
        forget.bind(1, budget.id);
        Statement &forgetForecast = m_db.cached("DELETE FROM forecast_alerts WHERE budget_id = ?1");
        forgetForecast.bind(1, budget.id);
        update.bind(2, scopeKindName(budget.scope.kind));
        update.bind(3, scopeValue(budget.scope));
        update.bind(4, budgetPeriodName(budget.period));
        update.bind(5, budget.startDay);
        update.bind(6, budget.amountNano);
        update.bind(7, thresholdsJson(budget.thresholds));
        if (!update.exec() || !forget.exec() || !forgetForecast.exec()) {
            return R::failure(failure(m_db, "save the budget").error());
        }
    } else {
        budget.createdAtMs = nowMs;
        Statement &insert = m_db.cached("INSERT INTO budgets (name, scope, scope_value, period, start_day, amount_nano,"
                                        " thresholds, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        insert.bind(1, budget.name);
        insert.bind(2, scopeKindName(budget.scope.kind));
        insert.bind(3, scopeValue(budget.scope));
        insert.bind(4, budgetPeriodName(budget.period));
        insert.bind(5, budget.startDay);
        insert.bind(6, budget.amountNano);
        insert.bind(7, thresholdsJson(budget.thresholds));
        insert.bind(8, nowMs);
        if (!insert.exec()) {
            return R::failure(failure(m_db, "save the budget").error());
        }
        budget.id = m_db.lastInsertRowId();
    }
    if (auto st = tx.commit(); !st) {
        return R::failure(st.error());
    }
    return budget;
}

Result<bool> BudgetStore::remove(const QString &name)
{
    Statement &s = m_db.cached("DELETE FROM budgets WHERE name = ?1");
    s.bind(1, name);
    if (!s.exec()) {
        return Result<bool>::failure(failure(m_db, "remove the budget").error());
    }
    return m_db.changes() > 0;
}

Result<QList<int>> BudgetStore::firedThresholds(std::int64_t budgetId, QDate periodStart)
{
    Statement &s = m_db.cached("SELECT threshold FROM alerts WHERE budget_id = ?1 AND period_start = ?2"
                               " ORDER BY threshold");
    s.bind(1, budgetId);
    s.bind(2, dateKey(periodStart));
    QList<int> out;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        out.append(static_cast<int>(s.int64(0)));
    }
    s.reset();
    if (step == Statement::Step::Error) {
        return Result<QList<int>>::failure(failure(m_db, "read the alerts").error());
    }
    return out;
}

Result<bool> BudgetStore::forecastAlerted(std::int64_t budgetId, QDate periodStart)
{
    Statement &s = m_db.cached("SELECT 1 FROM forecast_alerts WHERE budget_id = ?1 AND period_start = ?2");
    s.bind(1, budgetId);
    s.bind(2, dateKey(periodStart));
    const auto step = s.step();
    s.reset();
    if (step == Statement::Step::Error) {
        return Result<bool>::failure(failure(m_db, "read the alerts").error());
    }
    return step == Statement::Step::Row;
}

Result<bool> BudgetStore::anomalyAlerted(QDate day)
{
    Statement &s = m_db.cached("SELECT 1 FROM anomaly_alerts WHERE day = ?1");
    s.bind(1, dateKey(day));
    const auto step = s.step();
    s.reset();
    if (step == Statement::Step::Error) {
        return Result<bool>::failure(failure(m_db, "read the alerts").error());
    }
    return step == Statement::Step::Row;
}

Result<bool> BudgetStore::insert(Statement &s)
{
    if (!s.exec()) {
        return Result<bool>::failure(failure(m_db, "record the alert").error());
    }
    return m_db.changes() > 0;
}

Result<bool> BudgetStore::recordThreshold(std::int64_t budgetId, QDate periodStart, int threshold,
                                          std::int64_t firedAtMs, std::int64_t spendNano)
{
    Statement &s = m_db.cached("INSERT OR IGNORE INTO alerts (budget_id, period_start, threshold, fired_at, spend_nano)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, budgetId);
    s.bind(2, dateKey(periodStart));
    s.bind(3, threshold);
    s.bind(4, firedAtMs);
    s.bind(5, spendNano);
    return insert(s);
}

Result<bool> BudgetStore::recordForecast(std::int64_t budgetId, QDate periodStart, std::int64_t firedAtMs,
                                         std::int64_t forecastNano)
{
    Statement &s = m_db.cached("INSERT OR IGNORE INTO forecast_alerts (budget_id, period_start, fired_at,"
                               " forecast_nano) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, budgetId);
    s.bind(2, dateKey(periodStart));
    s.bind(3, firedAtMs);
    s.bind(4, forecastNano);
    return insert(s);
}

Result<bool> BudgetStore::recordAnomaly(QDate day, std::int64_t firedAtMs, std::int64_t spendNano,
                                        std::int64_t twiceMedianNano)
{
    Statement &s = m_db.cached("INSERT OR IGNORE INTO anomaly_alerts (day, fired_at, spend_nano, twice_median_nano)"
                               " VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, dateKey(day));
    s.bind(2, firedAtMs);
    s.bind(3, spendNano);
    s.bind(4, twiceMedianNano);
    return insert(s);
}

} // namespace burnrate
