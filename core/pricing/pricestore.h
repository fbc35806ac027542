#ifndef BURNRATE_CORE_PRICING_PRICESTORE_H
#define BURNRATE_CORE_PRICING_PRICESTORE_H

#include "pricing/pricebook.h"
#include "util/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace burnrate {

class Database;
class Ledger;

// Where the active price book comes from, in this order:
//   1. the base: the update activated last (stored in the ledger's price_snapshots table, so it
//      survives restarts and travels with the ledger and the price_refs that name it), else the
//      snapshot shipped in the binary (:/pricing/prices.json);
//   2. the shipped corrections (:/pricing/overrides.json), always, so an update never undoes them;
//   3. the user's own prices, <data dir>/prices.user.json, when present (same overlay format).
class PriceStore
{
public:
    explicit PriceStore(Ledger &ledger);
    // Over a database and a data folder directly: `burnrate doctor` reads a ledger it opened read-only (never
    // migrated; one from before price updates has no price_snapshots and so uses the shipped snapshot).
    PriceStore(Database &db, QString dataDir);

    static QString userPricesFileName() { return QStringLiteral("prices.user.json"); }
    QString userPricesPath() const;

    // A JSON file read exactly (numbers kept as decimal text).
    static Result<QJsonObject> readJsonFile(const QString &path);
    static Result<QJsonObject> shippedSnapshot();
    static Result<QJsonObject> shippedOverrides();

    Result<QJsonObject> activeBase() const;
    // "shipped <id>" or "update <id>, activated <UTC time>"
    QString describeBase() const;
    // When the active update was activated (UTC ms); nothing when the base is the shipped snapshot.
    std::optional<std::int64_t> activatedAtMs() const;

    // Builds the active book (base + corrections + the user's prices).
    Result<std::shared_ptr<const PriceBook>> load(QStringList *warnings = nullptr) const;
    // Builds the book `base` would give, without activating anything (validation before activation).
    Result<std::shared_ptr<const PriceBook>> bookFor(const QJsonObject &base, QStringList *warnings = nullptr) const;

    // The user's prices: the file, or an empty overlay when there is none.
    Result<QJsonObject> userPrices() const;
    // The active base with the shipped corrections, below the user's prices (what a new user price starts from).
    Result<QJsonObject> documentBelowUserPrices() const;
    // The active book with `userOverlay` in place of the user's prices file, built exactly as load() would
    // (validation before saving it).
    Result<std::shared_ptr<const PriceBook>> bookWithUserPrices(const QJsonObject &userOverlay,
                                                                QStringList *warnings = nullptr) const;
    // Validates `userOverlay` with bookWithUserPrices() and writes it as the user's prices file, atomically (a
    // temporary file renamed over it). On any error the file is left as it was.
    Status saveUserPrices(const QJsonObject &userOverlay) const;

    // Stores `base` (already validated with bookFor) as the active base, in one transaction, activated at
    // `activatedAtMs` (UTC ms, the caller's clock).
    Status activate(const QJsonObject &base, std::int64_t activatedAtMs);
    // Goes back to the shipped snapshot (stored updates are kept, inactive).
    Status reset();

private:
    Result<QJsonObject> corrected(const QJsonObject &base) const;
    static Result<std::shared_ptr<const PriceBook>> withOverlay(const QJsonObject &doc, const QJsonObject &user,
                                                                const QString &name, QStringList *warnings);

    Database &m_db;
    QString m_dataDir;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICESTORE_H
