#ifndef BURNRATE_UI_SETTINGS_PRICINGSECTION_H
#define BURNRATE_UI_SETTINGS_PRICINGSECTION_H

#include "pricing/priceupdate.h"
#include "ui/settings/repricedialog.h"
#include "ui/settings/settingssection.h"

#include <QPointer>

#include <optional>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class UserPricesEditor;

// Pricing: the active price book, and an update from a file or an https URL (fetched without blocking the window)
// checked and merged as `burnrate prices update` does (priceupdate::plan). The difference is listed first; the
// new prices are activated on Apply. "Your prices" edits the user's own prices (UserPricesEditor), also written on
// Apply, and "Reprice stored events…" applies the active prices to what is stored (RepriceDialog).
class PricingSection final : public SettingsSection
{
    Q_OBJECT

public:
    PricingSection(Ledger &ledger, QNetworkAccessManager &nam, const Clock &clock, QWidget *parent = nullptr);
    ~PricingSection() override;

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QLineEdit *sourceField() const { return m_source; }
    QTableWidget *diffTable() const { return m_diff; }
    QString statusText() const;
    QString activeText() const;
    bool hasPendingUpdate() const { return m_plan.has_value(); }
    UserPricesEditor *userPrices() const { return m_userPrices; }
    QPushButton *repriceButton() const { return m_reprice; }
    // The reprice dialog while it is open.
    RepriceDialog *repriceDialog() const { return m_repriceDialog; }

public Q_SLOTS:
    // Reads or fetches the feed named in the source field and shows what it would change.
    void check();
    void openReprice();

Q_SIGNALS:
    // check() finished: a plan to apply, or a refusal (statusText() says which).
    void checked(bool ok);
    // The active prices changed (an update or your prices applied), or stored events were re-priced.
    void pricesChanged();

private:
    void planFrom(const QByteArray &bytes, const QString &source);
    void refuse(const QString &why);
    void showActive();
    void showPlan();
    void discard();

    Ledger &m_ledger;
    const Clock &m_clock;
    priceupdate::Fetcher *m_fetcher = nullptr;
    std::optional<priceupdate::Plan> m_plan;
    QLabel *m_active = nullptr;
    QLineEdit *m_source = nullptr;
    QPushButton *m_check = nullptr;
    QPushButton *m_discard = nullptr;
    QTableWidget *m_diff = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    UserPricesEditor *m_userPrices = nullptr;
    QPushButton *m_reprice = nullptr;
    QPointer<RepriceDialog> m_repriceDialog;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_PRICINGSECTION_H
