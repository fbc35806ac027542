#include "importers/envelopeparser.h"

#include "util/jsonwriter.h"

#include <simdjson.h>

#include <algorithm>

namespace burnrate {

namespace {

constexpr int TagColumn = 1000;

constexpr std::array<std::string_view, EnvelopeParser::FieldCount> FieldNames = {"request_id",
                                                                                 "started_at",
                                                                                 "ended_at",
                                                                                 "provider",
                                                                                 "model",
                                                                                 "workflow_id",
                                                                                 "workflow_type",
                                                                                 "agent_id",
                                                                                 "user_id",
                                                                                 "feature",
                                                                                 "environment",
                                                                                 "prompt_version",
                                                                                 "conversation_id",
                                                                                 "project",
                                                                                 "service_tier",
                                                                                 "status",
                                                                                 "outcome",
                                                                                 "input_tokens",
                                                                                 "cached_input_tokens",
                                                                                 "cache_write_tokens",
                                                                                 "cache_write_1h_tokens",
                                                                                 "output_tokens",
                                                                                 "reasoning_tokens",
                                                                                 "latency_ms",
                                                                                 "payload_bytes",
                                                                                 "tool_calls",
                                                                                 "retry_count",
                                                                                 "estimated_cost_usd",
                                                                                 "tags"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

struct EnvelopeParser::Json
{
    simdjson::ondemand::parser parser;
    simdjson::ondemand::parser tagsParser;
};

EnvelopeParser::EnvelopeParser(QString sourceName)
    : m_source(std::move(sourceName))
    , m_json(std::make_unique<Json>())
{}

EnvelopeParser::~EnvelopeParser() = default;

QLatin1String EnvelopeParser::fieldName(int field)
{
    const std::string_view n = FieldNames[static_cast<size_t>(field)];
    return QLatin1String(n.data(), static_cast<qsizetype>(n.size()));
}

EnvelopeParser::Field EnvelopeParser::fieldFromName(std::string_view n)
{
    // Bucketed by length and first letter: one or two comparisons per key instead of a scan.
    static const auto Index = [] {
        std::array<std::vector<int>, 64 * 26> index{};
        for (size_t i = 0; i < FieldNames.size(); ++i) {
            const std::string_view name = FieldNames[i];
            index[name.size() * 26 + static_cast<size_t>(name.front() - 'a')].push_back(static_cast<int>(i));
        }
        return index;
    }();
    if (n.empty() || n.size() >= 64 || n.front() < 'a' || n.front() > 'z') {
        return FieldCount;
    }
    for (int i : Index[n.size() * 26 + static_cast<size_t>(n.front() - 'a')]) {
        if (FieldNames[static_cast<size_t>(i)] == n) {
            return static_cast<Field>(i);
        }
    }
    return FieldCount;
}

void EnvelopeParser::resetRaw()
{
    m_raw.fill(Raw{});
    m_tags.clear();
    m_tagsInvalid = false;
}

namespace {

// Reads a JSON object of scalars into (key, text) pairs. Returns false when it is not one.
bool readTagObject(simdjson::ondemand::object obj, std::vector<std::pair<std::string, std::string>> &tags)
{
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) {
            return false;
        }
        simdjson::ondemand::value v;
        if (field.value().get(v)) {
            return false;
        }
        simdjson::ondemand::json_type t;
        if (v.type().get(t)) {
            return false;
        }
        std::string text;
        if (t == simdjson::ondemand::json_type::string) {
            std::string_view sv;
            if (v.get_string().get(sv)) {
                return false;
            }
            text = sv;
        } else if (t == simdjson::ondemand::json_type::number || t == simdjson::ondemand::json_type::boolean) {
            text = trim(v.raw_json_token());
        } else if (t == simdjson::ondemand::json_type::null) {
            continue;
        } else {
            return false;
        }
        tags.emplace_back(std::string(key), std::move(text));
    }
    return true;
}

} // namespace

Result<EventRecord> EnvelopeParser::parseJsonLine(std::string_view line)
{
    using R = Result<EventRecord>;
    resetRaw();
    // On-Demand reads lazily: check the outer braces here so that a truncated line is refused.
    const std::string_view body = trim(line);
    if (body.empty() || body.front() != '{') {
        return R::failure(QStringLiteral("not a JSON object"));
    }
    if (body.back() != '}') {
        return R::failure(QStringLiteral("not valid JSON: the object is not closed (truncated line?)"));
    }
    const simdjson::padded_string_view view(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    if (auto err = m_json->parser.iterate(view).get(doc)) {
        return R::failure(QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(err))));
    }
    simdjson::ondemand::object obj;
    if (auto err = doc.get_object().get(obj)) {
        return R::failure(
            err == simdjson::INCORRECT_TYPE
                ? QStringLiteral("not a JSON object")
                : QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(err))));
    }
    for (auto field : obj) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key)) {
            return R::failure(
                QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(err))));
        }
        const Field f = fieldFromName(key);
        simdjson::ondemand::value v;
        simdjson::ondemand::json_type t;
        if (auto err = field.value().get(v); err || (err = v.type().get(t))) {
            return R::failure(
                QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(err))));
        }
        if (f == FieldCount) {
            continue; // unknown fields are ignored; On-Demand skips them
        }
        Raw &raw = m_raw[static_cast<size_t>(f)];
        switch (t) {
        case simdjson::ondemand::json_type::string: {
            std::string_view sv;
            if (auto err = v.get_string().get(sv)) {
                return R::failure(
                    QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(err))));
            }
            raw = {Kind::String, sv}; // valid until the parser's next document
            break;
        }
        case simdjson::ondemand::json_type::number:
            raw = {Kind::Number, trim(v.raw_json_token())};
            break;
        case simdjson::ondemand::json_type::null:
            raw = {Kind::Null, {}};
            break;
        case simdjson::ondemand::json_type::object:
            raw = {Kind::Other, "object"};
            if (f == Tags) {
                simdjson::ondemand::object tagObj;
                if (v.get_object().get(tagObj) || !readTagObject(tagObj, m_tags)) {
                    m_tagsInvalid = true;
                }
                raw = {Kind::String, "{}"};
            }
            break;
        default:
            raw = {Kind::Other, t == simdjson::ondemand::json_type::array ? "array" : "boolean"};
            break;
        }
    }
    return validate();
}

burnrate::Status EnvelopeParser::setCsvHeader(std::string_view headerLine)
{
    m_csvColumns.clear();
    m_csvTagNames.clear();
    std::string_view rest = headerLine;
    if (rest.size() >= 3 && rest.substr(0, 3) == "\xEF\xBB\xBF") {
        rest.remove_prefix(3); // UTF-8 byte order mark
    }
    bool hasRequestId = false;
    size_t pos = 0;
    while (pos <= rest.size()) {
        const size_t comma = rest.find(',', pos);
        std::string_view cell = trim(rest.substr(pos, comma == std::string_view::npos ? rest.npos : comma - pos));
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
            cell = cell.substr(1, cell.size() - 2);
        }
        if (cell.substr(0, 4) == "tag." || cell.substr(0, 5) == "tags.") {
            m_csvTagNames.emplace_back(cell.substr(cell.find('.') + 1));
            m_csvColumns.push_back(TagColumn + static_cast<int>(m_csvTagNames.size()) - 1);
        } else {
            const Field f = fieldFromName(cell);
            hasRequestId = hasRequestId || f == RequestId;
            m_csvColumns.push_back(f == FieldCount ? -1 : f);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        pos = comma + 1;
    }
    if (!hasRequestId) {
        return burnrate::Status::failure(QStringLiteral("the CSV header has no request_id column"));
    }
    return okStatus();
}

Result<EventRecord> EnvelopeParser::parseCsvLine(std::string_view line)
{
    using R = Result<EventRecord>;
    resetRaw();
    m_csvCells.clear();
    // RFC 4180 on one line: quoted cells may hold commas and doubled quotes.
    size_t i = 0;
    for (;;) {
        std::string cell;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cell.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                cell.push_back(line[i++]);
            }
            if (!closed) {
                return R::failure(QStringLiteral("unterminated quoted CSV cell (cells may not span lines)"));
            }
            if (i < line.size() && line[i] != ',') {
                return R::failure(QStringLiteral("unexpected text after a quoted CSV cell"));
            }
        } else {
            const size_t comma = line.find(',', i);
            const size_t end = comma == std::string_view::npos ? line.size() : comma;
            cell = std::string(trim(line.substr(i, end - i)));
            i = end;
        }
        m_csvCells.push_back(std::move(cell));
        if (i >= line.size()) {
            break;
        }
        ++i; // the comma
        if (i == line.size()) {
            m_csvCells.emplace_back();
            break;
        }
    }
    if (m_csvCells.size() != m_csvColumns.size()) {
        return R::failure(QStringLiteral("expected %1 CSV cells as in the header, found %2")
                              .arg(m_csvColumns.size())
                              .arg(m_csvCells.size()));
    }
    for (size_t c = 0; c < m_csvCells.size(); ++c) {
        const int col = m_csvColumns[c];
        const std::string &cell = m_csvCells[c];
        if (col < 0 || cell.empty()) {
            continue;
        }
        if (col >= TagColumn) {
            m_tags.emplace_back(m_csvTagNames[static_cast<size_t>(col - TagColumn)], cell);
        } else if (col == Tags) {
            simdjson::padded_string padded(cell);
            simdjson::ondemand::document doc;
            simdjson::ondemand::object obj;
            if (m_json->tagsParser.iterate(padded).get(doc) || doc.get_object().get(obj) ||
                !readTagObject(obj, m_tags)) {
                m_tagsInvalid = true;
            }
            m_raw[Tags] = {Kind::String, "{}"};
        } else {
            m_raw[static_cast<size_t>(col)] = {Kind::String, cell};
        }
    }
    return validate();
}

} // namespace burnrate
