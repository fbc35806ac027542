#ifndef BURNRATE_UI_MODELS_CONVERSATIONMODEL_H
#define BURNRATE_UI_MODELS_CONVERSATIONMODEL_H

#include "ledger/reportquery.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

namespace burnrate::ui {

// The conversations of a report (ReportBy::Conversation), one row per conversation and billing. API usage is
// spend; subscription usage is only ever shown as "subscription value", in its own column. RawValueRole gives
// exact values (nano-USD, counts, UTC ms) for sorting and tests.
class ConversationModel final : public QAbstractTableModel
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
    enum Role
    {
        RawValueRole = Qt::UserRole + 1
    };

    explicit ConversationModel(QObject *parent = nullptr);

    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void setRows(QList<ReportRow> rows);
    const QList<ReportRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static bool isSubscription(const ReportRow &row);

private:
    QVariant display(const ReportRow &row, int column) const;
    QVariant raw(const ReportRow &row, int column) const;
    QVariant toolTip(const ReportRow &row, int column) const;

    QList<ReportRow> m_rows;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_CONVERSATIONMODEL_H
