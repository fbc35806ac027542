#ifndef BURNRATE_UI_MODELS_REQUESTMODEL_H
#define BURNRATE_UI_MODELS_REQUESTMODEL_H

#include "ledger/conversationrequests.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

namespace burnrate::ui {

// The requests of one conversation (the drill-down): time in the user's zone, model, tokens by class, spend or
// subscription value, how it was priced, status. RawValueRole gives exact values.
class RequestModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Source,
        Model,
        Input,
        CacheRead,
        CacheWrite,
        Output,
        Spend,
        SubscriptionValue,
        Pricing,
        Status,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1
    };

    explicit RequestModel(QObject *parent = nullptr);

    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void setRequests(QList<ConversationRequest> requests);
    const QList<ConversationRequest> &requests() const { return m_requests; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ConversationRequest &r, int column) const;
    QVariant raw(const ConversationRequest &r, int column) const;

    QList<ConversationRequest> m_requests;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_REQUESTMODEL_H
