#include "importers/sourcebilling.h"

#include "ledger/database.h"
#include "ledger/ledger.h"

namespace burnrate {

namespace {

QString metaKey(const QString &source)
{
    return QStringLiteral("billing.") + source;
}

} // namespace

std::optional<Billing> SourceBilling::fromName(const QString &name)
{
    if (name == QLatin1String("api")) {
        return Billing::Api;
    }
    if (name == QLatin1String("subscription")) {
        return Billing::Subscription;
    }
    return std::nullopt;
}

std::optional<Billing> SourceBilling::decided(Ledger &ledger, const QString &source)
{
    return fromName(ledger.meta(metaKey(source)));
}

Result<std::int64_t> SourceBilling::set(Ledger &ledger, const QString &source, Billing billing)
{
    using R = Result<std::int64_t>;
    Database &db = ledger.db();
    Transaction tx(db);
    if (!tx.isActive()) {
        return R::failure(QStringLiteral("cannot write to the ledger: %1").arg(tx.error()));
    }
    if (auto st = ledger.setMeta(metaKey(source), billingName(billing)); !st) {
        return R::failure(st.error());
    }
    // A zero fingerprint matches no record, so a later re-read of the same line rewrites the row.
    Statement &s = db.cached("UPDATE events SET billing = ?1, fingerprint = 0 WHERE source = ?2 AND billing <> ?1");
    s.bind(1, billingName(billing));
    s.bind(2, source);
    if (!s.exec()) {
        return R::failure(QStringLiteral("cannot change the billing of %1: %2").arg(source, db.lastError()));
    }
    const std::int64_t changed = db.changes();
    if (changed > 0) {
        if (auto st = ledger.rebuildRollupsInTransaction(); !st) {
            return R::failure(st.error());
        }
    }
    if (auto st = tx.commit(); !st) {
        return R::failure(st.error());
    }
    return changed;
}

} // namespace burnrate
