#ifndef BURNRATE_UI_MODELS_REQUESTMODEL_H
#define BURNRATE_UI_MODELS_REQUESTMODEL_H

#include "ledger/conversationrequests.h"
#include "ui/models/rowtablemodel.h"

#include <QList>
#include <QTimeZone>

namespace burnrate::ui {

// The requests of one conversation (the drill-down): time in the user's zone, model, tokens by class, spend or
// subscription value, how it was priced, status. RawValueRole gives exact values.
class RequestModel final : public RowTableModel
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
    explicit RequestModel(QObject *parent = nullptr);

    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void setRequests(QList<ConversationRequest> requests);
    const QList<ConversationRequest> &requests() const { return m_requests; }

private:
    int rowTotal() const override { return static_cast<int>(m_requests.size()); }
    int columnTotal() const override { return ColumnCount; }
    bool isNumeric(int column) const override;
    QString title(int column) const override;
    QVariant display(int at, int column) const override;
    QVariant raw(int at, int column) const override;
    QVariant toolTip(int at, int column) const override;
    QVariant otherRole(int at, int column, int role) const override;

    QList<ConversationRequest> m_requests;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_REQUESTMODEL_H
