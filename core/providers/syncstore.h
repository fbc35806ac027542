#ifndef BURNRATE_CORE_PROVIDERS_SYNCSTORE_H
#define BURNRATE_CORE_PROVIDERS_SYNCSTORE_H

#include "providers/syncdata.h"
#include "util/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace burnrate {

class Database;

// The sync bookkeeping of one endpoint (table sync_state).
struct SyncState
{
    QString provider;
    QString endpoint;
    std::optional<std::int64_t> coveredFrom;
    std::optional<std::int64_t> coveredUntil;
    std::optional<std::int64_t> lastSuccess;
    std::optional<std::int64_t> lastAttempt;
    QString lastError; // in words; empty after a success
    std::optional<std::int64_t> nextDue;
    int failures = 0; // consecutive
    std::optional<std::int64_t> retryAfter;
};

// Writes what provider endpoints returned into the ledger. One window is one transaction: the rows of
// the window's span are replaced by the new ones, the coverage and the sync state move on, or nothing
// changes at all. Replaying a window any number of times leaves the same rows.
class SyncStore final
{
public:
    explicit SyncStore(Database &db, UsagePricer pricer = {});

    void setPricer(UsagePricer pricer) { m_pricer = std::move(pricer); }

    struct Written
    {
        int rows = 0;    // rows stored (after summing rows that share a natural key)
        int dropped = 0; // rows outside the window, not stored
    };
    // Stores a whole fetched window. Rows beyond the bounds, or rows that share a key and sum past 64 bits, refuse it
    // before anything is written. A window longer than two weeks is written in UTC-day-aligned slices of 14 days, each
    // in its own transaction with its own coverage, so that no sync holds the write lock long; a failure after the
    // first slice leaves the earlier slices stored and covered, and the next sync fetches the rest.
    Result<Written> commit(const EndpointWindow &window, std::int64_t nowMs);
    // Notes a failed attempt in words; the data is left as it was.
    Status recordFailure(const QString &provider, const QString &endpoint, std::int64_t nowMs, const QString &message,
                         std::int64_t retryAfterMs = -1);
    Status setNextDue(const QString &provider, const QString &endpoint, std::int64_t nextDueMs);

    std::optional<SyncState> state(const QString &provider, const QString &endpoint);
    QList<SyncState> states();
    // The oldest last success among a provider's endpoints (0 when one never succeeded); std::nullopt when the
    // provider was never synced. What the scheduler calls stale is older than its interval.
    std::optional<std::int64_t> lastSuccess(const QString &provider);

private:
    Result<Written> commitSlice(const EndpointWindow &w, std::int64_t nowMs);
    Status writeUsage(const EndpointWindow &w, std::int64_t nowMs, Written &written);
    Status writeBilled(const EndpointWindow &w, std::int64_t nowMs, Written &written);
    Status writeBalances(const EndpointWindow &w, Written &written);
    Status mergeCoverage(const QString &provider, const QString &endpoint, std::int64_t from, std::int64_t until);
    Status markSuccess(const EndpointWindow &w, std::int64_t nowMs);

    Database &m_db;
    UsagePricer m_pricer;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_SYNCSTORE_H
