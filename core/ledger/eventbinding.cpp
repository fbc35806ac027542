#include "ledger/eventbinding.h"

#include "ledger/database.h"

namespace burnrate {

namespace {

// Binds parameters; with a shadow of what each parameter holds (bindings survive sqlite3_reset), a
// parameter that already holds its value is not bound again: most columns of agent-log events are the
// same NULL or number row after row.
class Binder
{
public:
    Binder(Statement &s, int base, ParamShadow *shadow)
        : m_s(s)
        , m_base(base)
        , m_shadow(shadow)
    {}
    void null(int column)
    {
        const int p = m_base + column;
        if (m_shadow) {
            auto &slot = m_shadow->at(static_cast<size_t>(p));
            if (slot.kind == Kind::Null) {
                return;
            }
            slot.kind = Kind::Null;
        }
        m_s.bindNull(p);
    }
    void integer(int column, std::int64_t v)
    {
        const int p = m_base + column;
        if (m_shadow) {
            auto &slot = m_shadow->at(static_cast<size_t>(p));
            if (slot.kind == Kind::Int && slot.value == v) {
                return;
            }
            slot.kind = Kind::Int;
            slot.value = v;
        }
        m_s.bindInt64(p, v);
    }
    void integer(int column, const std::optional<std::int64_t> &v) { v ? integer(column, *v) : null(column); }
    template <typename Text>
    void text(int column, const Text &t)
    {
        other(column);
        m_s.bind(m_base + column, t);
    }
    void staticText(int column, std::string_view t)
    {
        other(column);
        m_s.bindStatic(m_base + column, t);
    }

private:
    using Kind = BoundParam::Kind;
    void other(int column)
    {
        if (m_shadow) {
            m_shadow->at(static_cast<size_t>(m_base + column)).kind = Kind::Other;
        }
    }
    Statement &m_s;
    int m_base;
    ParamShadow *m_shadow;
};

} // namespace

void bindEvent(Statement &st, const EventRecord &e, int base, ParamShadow *shadow)
{
    Binder s(st, base, shadow);
    // A sealed record brings its text in UTF-8 (converted on the parser thread); bind it in place.
    if (const SealedText *t = e.sealedText.get()) {
        static constexpr std::pair<int, SealedText::Field> Columns[] = {
            {1, SealedText::Source},         {2, SealedText::SourceKey},      {5, SealedText::Provider},
            {6, SealedText::Model},          {7, SealedText::ConversationId}, {8, SealedText::Project},
            {9, SealedText::WorkflowId},     {10, SealedText::WorkflowType},  {11, SealedText::Agent},
            {12, SealedText::UserId},        {13, SealedText::Feature},       {14, SealedText::Environment},
            {15, SealedText::PromptVersion}, {16, SealedText::TagsJson},      {28, SealedText::Status},
            {29, SealedText::Outcome},       {30, SealedText::ServiceTier},   {33, SealedText::PriceRef}};
        for (const auto &[column, field] : Columns) {
            if (t->isNull[field]) {
                s.null(column);
            } else {
                s.staticText(column, t->view(field));
            }
        }
    } else {
        s.text(1, e.source);
        s.text(2, e.sourceKey);
        s.text(5, e.provider);
        s.text(6, e.model);
        s.text(7, e.conversationId);
        s.text(8, e.project);
        s.text(9, e.workflowId);
        s.text(10, e.workflowType);
        s.text(11, e.agent);
        s.text(12, e.userId);
        s.text(13, e.feature);
        s.text(14, e.environment);
        s.text(15, e.promptVersion);
        s.text(16, e.tagsJson);
        s.text(28, e.status);
        s.text(29, e.outcome);
        s.text(30, e.serviceTier);
        s.text(33, e.priceRef);
    }
    s.integer(3, e.occurredAtMs);
    s.integer(4, e.endedAtMs);
    s.integer(17, e.tokens.inputUncached);
    s.integer(18, e.tokens.cacheRead);
    s.integer(19, e.tokens.cacheWrite5m);
    s.integer(20, e.tokens.cacheWrite1h);
    s.integer(21, e.tokens.output);
    s.integer(22, e.tokens.reasoning);
    s.integer(23, e.requests);
    s.integer(24, e.toolCalls);
    s.integer(25, e.retries);
    s.integer(26, e.latencyMs);
    s.integer(27, e.payloadBytes);
    s.integer(31, e.reportedCostNano);
    s.integer(32, e.costNano);
    s.staticText(34, e.billing == Billing::Subscription ? std::string_view("subscription") : std::string_view("api"));
    s.integer(35, static_cast<std::int64_t>(e.fingerprint()));
}

} // namespace burnrate
