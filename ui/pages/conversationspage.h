#ifndef BURNRATE_UI_PAGES_CONVERSATIONSPAGE_H
#define BURNRATE_UI_PAGES_CONVERSATIONSPAGE_H

#include "ledger/reportfilter.h"
#include "ui/pages/deferredpage.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class ConversationModel;
class DateRangeEdit;
class RequestModel;

// The most expensive conversations of a date range (docs/architecture.md §7), sortable by every column and filtered by
// source, project and model; activating one lists its requests below.
class ConversationsPage final : public DeferredPage
{
    Q_OBJECT

public:
    // The range starts as the 30 days up to today (the clock's, in the ledger's zone).
    ConversationsPage(Ledger &ledger, const Clock &clock, QWidget *parent = nullptr);

    QString title() const override { return tr("Conversations"); }

    // The most requests the drill-down lists.
    static constexpr int RequestLimit = 500;

    ConversationModel *model() const { return m_model; }
    RequestModel *requestModel() const { return m_requestModel; }
    // The conversation the drill-down shows ("" for none).
    const QString &shownConversation() const { return m_shown; }
    ReportFilter filter() const;

public Q_SLOTS:
    // Lists the requests of the conversation in row `row` of the table as shown (sorted).
    void showRequestsOfRow(int row);

protected:
    void refresh() override;

private:
    void buildFilters(QHBoxLayout *bar);
    void fillFacets();
    void showRequests(const QString &conversationId);

    Ledger &m_ledger;
    const Clock &m_clock;
    ConversationModel *m_model;
    QSortFilterProxyModel *m_proxy;
    RequestModel *m_requestModel;
    QComboBox *m_source = nullptr;
    QComboBox *m_project = nullptr;
    QComboBox *m_modelFilter = nullptr;
    DateRangeEdit *m_range = nullptr;
    QLabel *m_summary;
    QTableView *m_table;
    QLabel *m_requestsTitle;
    QTableView *m_requests;
    QString m_shown;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_CONVERSATIONSPAGE_H
