#ifndef BURNRATE_CORE_PRICING_PRICEMERGE_H
#define BURNRATE_CORE_PRICING_PRICEMERGE_H

#include "util/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace burnrate {

// Applies an overlay (overrides.json, the user's prices file; format "llm-spend-pricing-overlay")
// on top of a normalised document. A provider or model not in the base is added; one in the base
// gets the fields the overlay names replaced (service tiers merge by name); a version with the same
// effective_from gets the fields it names replaced (rates, tiers, service_tiers, windows), a new
// version is added. The result's snapshot id is "<base id>+<overlay id>".
Result<QJsonObject> applyOverlay(const QJsonObject &base, const QJsonObject &overlay);

// Reading a model's versions in a price document (shared by the merges here and the user's prices editor).
namespace pricedoc {
// A version's effective_from as written, or a null string when it has none (valid since always).
QString versionFrom(const QJsonObject &version);
// The index in `versions` of the version effective from `from`, or -1.
qsizetype indexOfVersionFrom(const QJsonArray &versions, const QString &from);
} // namespace pricedoc

// What a price update changes.
struct PriceDiff
{
    struct Change
    {
        QString model;   // "provider/id"
        QString version; // the version label changed or added
        QString what;    // "input 2.5 -> 3", "tiers changed", "new version"
        bool bigJump = false;
    };
    QStringList addedModels;
    QList<Change> changes;
    QStringList keptModels; // in the active book, missing from the feed: kept
    int keptVersions = 0;   // versions missing from the feed: kept
    int unchangedModels = 0;

    bool isEmpty() const { return addedModels.isEmpty() && changes.isEmpty(); }
};

struct MergeOutcome
{
    QJsonObject doc;
    PriceDiff diff;
};

// Merges a new feed into the active base without losing history: models and versions missing from
// the feed are kept; a version of the feed with a new effective_from is added; a changed past
// version is replaced (upstream corrected it). A changed *current* version that the feed does not
// date is added as a new version from `changesFromUtc` (an RFC 3339 instant), so older usage keeps
// its old price; with an empty `changesFromUtc` it replaces the current version for all history.
// Rates are compared exactly; a jump above 2x (or below 1/2) is flagged.
Result<MergeOutcome> mergePriceHistory(const QJsonObject &active, const QJsonObject &feed,
                                       const QString &changesFromUtc);

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICEMERGE_H
