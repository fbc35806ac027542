#ifndef BURNRATE_CORE_LEDGER_EVENTRECORD_H
#define BURNRATE_CORE_LEDGER_EVENTRECORD_H

#include "util/checkedsum.h"

#include <QString>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace burnrate {

// Disjoint token classes, except reasoning, which is part of output.
struct TokenCounts
{
    std::int64_t inputUncached = 0;
    std::int64_t cacheRead = 0;
    std::int64_t cacheWrite5m = 0;
    std::int64_t cacheWrite1h = 0;
    std::int64_t output = 0;
    std::int64_t reasoning = 0;

    // The five disjoint classes together. Fits for one stored request (every class is within ledger/eventlimits.h)
    // and for the rows ReportQuery returns (it checks them); other sums of many requests take the checked overload.
    std::int64_t total() const { return inputUncached + cacheRead + cacheWrite5m + cacheWrite1h + output; }
    // The same, checked: an overflow is noted in `sums`.
    std::int64_t total(SumCheck &sums) const
    {
        std::int64_t t = inputUncached;
        for (const std::int64_t part : {cacheRead, cacheWrite5m, cacheWrite1h, output}) {
            sums.add(t, part, "tokens");
        }
        return t;
    }
    // Both cache writes together (the tables that fold them), checked.
    std::int64_t cacheWrites(SumCheck &sums) const
    {
        std::int64_t t = cacheWrite5m;
        sums.add(t, cacheWrite1h, "cache write tokens");
        return t;
    }
    // Adds `o` class by class; an overflow is noted in `sums` with the class's name.
    void add(const TokenCounts &o, SumCheck &sums)
    {
        sums.add(inputUncached, o.inputUncached, "input tokens");
        sums.add(cacheRead, o.cacheRead, "cache read tokens");
        sums.add(cacheWrite5m, o.cacheWrite5m, "cache write tokens (5 minutes)");
        sums.add(cacheWrite1h, o.cacheWrite1h, "cache write tokens (1 hour)");
        sums.add(output, o.output, "output tokens");
        sums.add(reasoning, o.reasoning, "reasoning tokens");
    }
    friend bool operator==(const TokenCounts &, const TokenCounts &) = default;
};

enum class Billing
{
    Api,
    Subscription
};

// The text fields of a sealed record, already in UTF-8, so that the writer thread binds them without
// converting. Built by EventRecord::seal().
struct SealedText
{
    enum Field
    {
        Source,
        SourceKey,
        Provider,
        Model,
        ConversationId,
        Project,
        WorkflowId,
        WorkflowType,
        Agent,
        UserId,
        Feature,
        Environment,
        PromptVersion,
        TagsJson,
        Status,
        Outcome,
        ServiceTier,
        PriceRef,
        Count
    };
    std::string utf8;
    std::array<std::uint32_t, Count + 1> offsets{}; // field i spans [offsets[i], offsets[i + 1])
    std::array<bool, Count> isNull{};

    std::string_view view(Field f) const
    {
        return std::string_view(utf8).substr(offsets[f], offsets[f + 1] - offsets[f]);
    }
};

QString billingName(Billing b);

// One request from a local source (an event envelope line, an agent-log message). The pair
// (source, sourceKey) is its natural key.
struct EventRecord
{
    QString source;
    QString sourceKey;
    std::int64_t occurredAtMs = 0;
    std::optional<std::int64_t> endedAtMs;
    QString provider;
    QString model;
    QString conversationId;
    QString project;
    QString workflowId;
    QString workflowType;
    QString agent;
    QString userId;
    QString feature;
    QString environment;
    QString promptVersion;
    QString tagsJson; // canonical JSON object with sorted keys, or null
    TokenCounts tokens;
    std::int64_t requests = 1;
    std::int64_t toolCalls = 0;
    std::int64_t retries = 0;
    std::optional<std::int64_t> latencyMs;
    std::optional<std::int64_t> payloadBytes;
    QString status;
    QString outcome;
    QString serviceTier;
    std::optional<std::int64_t> reportedCostNano;
    std::optional<std::int64_t> costNano; // empty = unpriced
    QString priceRef;
    Billing billing = Billing::Api;

    // A stable 64-bit digest of every stored field, to tell an unchanged re-import from an update.
    std::uint64_t fingerprint() const;
    // Computes the fingerprint once and keeps it (importers call this off the writer thread). The
    // record must not change afterwards; 0 means "not sealed".
    void seal();
    std::uint64_t sealedFingerprint = 0;
    std::shared_ptr<const SealedText> sealedText;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTRECORD_H
