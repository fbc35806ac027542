#ifndef BURNRATE_UI_MODELS_CONVERSATIONMODEL_H
#define BURNRATE_UI_MODELS_CONVERSATIONMODEL_H

#include "ledger/reportquery.h"
#include "ui/models/rowtablemodel.h"

#include <QList>
#include <QTimeZone>

namespace burnrate::ui {

// The conversations of a report (ReportBy::Conversation), one row per conversation and billing. API usage is
// spend; subscription usage is only ever shown as "subscription value", in its own column. RawValueRole gives
// exact values (nano-USD, counts, UTC ms) for sorting and tests.
class ConversationModel final : public RowTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Conversation,
        Spend,
        SubscriptionValue,
        Unpriced,
        Requests,
        Tokens,
        FirstActivity,
        LastActivity,
        Project,
        Models,
        ColumnCount
    };
    explicit ConversationModel(QObject *parent = nullptr);

    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void setRows(QList<ReportRow> rows);
    const QList<ReportRow> &rows() const { return m_rows; }

    static bool isSubscription(const ReportRow &row);

private:
    int rowTotal() const override { return static_cast<int>(m_rows.size()); }
    int columnTotal() const override { return ColumnCount; }
    bool isNumeric(int column) const override;
    QString title(int column) const override;
    QVariant display(int at, int column) const override;
    QVariant raw(int at, int column) const override;
    QVariant toolTip(int at, int column) const override;
    QVariant otherRole(int at, int column, int role) const override;

    QList<ReportRow> m_rows;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_CONVERSATIONMODEL_H
