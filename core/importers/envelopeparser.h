#ifndef BURNRATE_CORE_IMPORTERS_ENVELOPEPARSER_H
#define BURNRATE_CORE_IMPORTERS_ENVELOPEPARSER_H

#include "ledger/eventrecord.h"
#include "util/result.h"

#include <QString>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace burnrate {

// Turns one event envelope (docs/event-envelope.md) into an EventRecord, or into a
// precise one-line reason why it cannot be accepted. JSON lines go through simdjson On-Demand.
class EnvelopeParser final
{
public:
    enum Field
    {
        RequestId,
        StartedAt,
        EndedAt,
        Provider,
        Model,
        WorkflowId,
        WorkflowType,
        AgentId,
        UserId,
        Feature,
        Environment,
        PromptVersion,
        ConversationId,
        Project,
        ServiceTier,
        Status,
        Outcome,
        InputTokens,
        CachedInputTokens,
        CacheWriteTokens,
        CacheWrite1hTokens,
        OutputTokens,
        ReasoningTokens,
        LatencyMs,
        PayloadBytes,
        ToolCalls,
        RetryCount,
        EstimatedCostUsd,
        Tags,
        FieldCount
    };

    explicit EnvelopeParser(QString sourceName);
    ~EnvelopeParser();
    EnvelopeParser(const EnvelopeParser &) = delete;
    EnvelopeParser &operator=(const EnvelopeParser &) = delete;

    // `line` must be followed in memory by at least SIMDJSON_PADDING readable bytes.
    Result<EventRecord> parseJsonLine(std::string_view line);

    // CSV: the header names the fields (same names as the JSON keys; extra "tag.NAME" columns
    // become tags). Returns the reason when the header is unusable.
    burnrate::Status setCsvHeader(std::string_view headerLine);
    Result<EventRecord> parseCsvLine(std::string_view line);

    static Field fieldFromName(std::string_view name);
    static QLatin1String fieldName(int field);

private:
    enum class Kind
    {
        Missing,
        Null,
        String,
        Number,
        Other
    };
    struct Raw
    {
        Kind kind = Kind::Missing;
        std::string_view text;
    };

    Result<EventRecord> validate();
    void resetRaw();

    QString m_source;
    std::array<Raw, FieldCount> m_raw{};
    QString internedText(int field, std::string_view raw);

    // Distinct values seen per field and their QStrings: repeated values (provider, model,
    // workflow...) share one string instead of allocating per line. Bounded per field.
    static constexpr size_t MaxInternedPerField = 4096;
    struct TransparentHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::array<std::unordered_map<std::string, QString, TransparentHash, std::equal_to<>>, FieldCount> m_interned;
    // Conversation and workflow ids are too many to intern, but a conversation's requests come
    // close together: the last ids seen (direct-mapped by hash) are shared instead of allocated
    // again, which also lets the writer's rollups compare them by pointer.
    struct RecentId
    {
        std::string raw;
        QString value;
    };
    static constexpr size_t RecentIdSlots = 64;
    std::array<std::array<RecentId, RecentIdSlots>, 2> m_recentIds;
    std::vector<std::pair<std::string, std::string>> m_tags;
    bool m_tagsInvalid = false;
    std::vector<int> m_csvColumns; // field index, -1 ignored, or TagColumn + tag index
    std::vector<std::string> m_csvTagNames;
    std::vector<std::string> m_csvCells;
    struct Json;
    std::unique_ptr<Json> m_json;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_ENVELOPEPARSER_H
