#ifndef BURNRATE_CORE_LEDGER_CONVERSATIONREQUESTS_H
#define BURNRATE_CORE_LEDGER_CONVERSATIONREQUESTS_H

#include "ledger/eventrecord.h"
#include "ledger/reportfilter.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace burnrate {

class Ledger;

// One stored request of a conversation (the drill-down of the conversation view).
struct ConversationRequest
{
    std::int64_t occurredAtMs = 0; // UTC
    QString source;
    QString provider;
    QString model;
    std::int64_t requests = 1;
    TokenCounts tokens;
    std::optional<std::int64_t> costNano; // empty: unpriced
    QString priceRef;
    Billing billing = Billing::Api;
    QString status;  // "" when the source gave none
    QString outcome; // "" when the source gave none
    std::optional<std::int64_t> latencyMs;
    std::int64_t toolCalls = 0;
    std::int64_t retries = 0;
};

struct ConversationRequests
{
    QList<ConversationRequest> requests; // oldest first, at most the limit asked for
    std::int64_t total = 0;              // how many match, beyond the limit too
};

// The requests of one conversation in a UTC range, through the events_conversation index.
class ConversationRequestsQuery final
{
public:
    explicit ConversationRequestsQuery(Ledger &ledger);

    // `conversationId` must not be empty (requests without a conversation are not one conversation).
    Result<ConversationRequests> run(const QString &conversationId, UtcRange range, const ReportFilter &filter = {},
                                     int limit = 500);

private:
    Ledger &m_ledger;
};

// The values the conversation view can be filtered by: every source, project and model in the conversation
// rollups, sorted.
struct ConversationFacets
{
    QStringList sources;
    QStringList projects; // "" for requests without a project is left out
    QStringList models;
};
Result<ConversationFacets> conversationFacets(Ledger &ledger);

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_CONVERSATIONREQUESTS_H
