#include "ui/models/conversationmodel.h"

#include "ui/format.h"

namespace burnrate::ui {

ConversationModel::ConversationModel(QObject *parent)
    : RowTableModel(parent)
{}

bool ConversationModel::isNumeric(int column) const
{
    return column >= Spend && column <= Tokens;
}

bool ConversationModel::isSubscription(const ReportRow &row)
{
    return row.provenance == QLatin1String("subscription");
}

void ConversationModel::setRows(QList<ReportRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

QVariant ConversationModel::otherRole(int at, int column, int role) const
{
    if (role == Qt::FontRole && column == SubscriptionValue && isSubscription(m_rows.at(at))) {
        return italicFont();
    }
    return {};
}

QVariant ConversationModel::display(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    switch (column) {
    case Conversation:
        return row.key.isEmpty() ? tr("(no conversation)") : row.key;
    case Project:
        return row.project;
    case FirstActivity:
        return row.firstAtMs ? Format::dateTime(*row.firstAtMs, m_zone) : QString();
    case LastActivity:
        return row.lastAtMs ? Format::dateTime(*row.lastAtMs, m_zone) : QString();
    case Models:
        return row.models.join(QStringLiteral(", "));
    case Requests:
        return Format::count(row.requests);
    case Tokens:
        return Format::compactCount(row.tokens.total());
    case Spend:
        return Format::costIf(!isSubscription(row), row.costNano);
    case SubscriptionValue:
        return Format::costIf(isSubscription(row), row.costNano);
    case Unpriced:
        return row.unpricedRequests > 0 ? Format::count(row.unpricedRequests) : QString();
    default:
        return {};
    }
}

QVariant ConversationModel::raw(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    switch (column) {
    case Conversation:
        return row.key;
    case Project:
        return row.project;
    case FirstActivity:
        return static_cast<qlonglong>(row.firstAtMs.value_or(0));
    case LastActivity:
        return static_cast<qlonglong>(row.lastAtMs.value_or(0));
    case Models:
        return row.models.join(QLatin1Char(','));
    case Requests:
        return static_cast<qlonglong>(row.requests);
    case Tokens:
        return static_cast<qlonglong>(row.tokens.total());
    case Spend:
        return static_cast<qlonglong>(isSubscription(row) ? 0 : row.costNano);
    case SubscriptionValue:
        return static_cast<qlonglong>(isSubscription(row) ? row.costNano : 0);
    case Unpriced:
        return static_cast<qlonglong>(row.unpricedRequests);
    default:
        return {};
    }
}

QVariant ConversationModel::toolTip(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    switch (column) {
    case Tokens:
        return Format::tokenBreakdown(row.tokens);
    case SubscriptionValue:
        return isSubscription(row) ? QVariant(Format::subscriptionValueNote()) : QVariant();
    case Unpriced:
        return row.unpricedRequests > 0 ? QVariant(Format::unpricedNote(row.unpricedRequests)) : QVariant();
    default:
        return {};
    }
}

QString ConversationModel::title(int column) const
{
    switch (column) {
    case Conversation:
        return tr("Conversation");
    case Project:
        return tr("Project");
    case FirstActivity:
        return tr("First activity");
    case LastActivity:
        return tr("Last activity");
    case Models:
        return tr("Models");
    case Requests:
        return tr("Requests");
    case Tokens:
        return tr("Tokens");
    case Spend:
        return tr("Spend");
    case SubscriptionValue:
        return tr("Subscription value");
    case Unpriced:
        return tr("Unpriced");
    default:
        return {};
    }
}

} // namespace burnrate::ui
