#ifndef BURNRATE_UI_ONBOARDING_ONBOARDINGDIALOG_H
#define BURNRATE_UI_ONBOARDING_ONBOARDINGDIALOG_H

#include "importers/agentlog.h"
#include "providers/httpclient.h"

#include <QMap>
#include <QStringList>
#include <QWizard>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace burnrate {
class AgentLogImportRunner;
class Clock;
class KeyReplacer;
class Ledger;
class SecretStore;
} // namespace burnrate

namespace burnrate::ui {

class KeysPage;
class LogsPage;

// The first run: provider keys (checked live, kept in the keychain), the agent logs found on this
// computer (imported in the background), or the demo. Every page is optional; Skip remembers that the
// user skipped it, Finish that it was completed, so it shows once.
class OnboardingDialog final : public QWizard
{
    Q_OBJECT

public:
    struct Services
    {
        Ledger *ledger = nullptr;
        QString dataDir;
        SecretStore *secrets = nullptr;
        QNetworkAccessManager *nam = nullptr;
        const Clock *clock = nullptr;
        HttpPolicy policy;
        std::function<QString(const QString &)> env; // base-URL overrides
        AgentLogImportRunner *runner = nullptr;
        QMap<AgentLogSource, QStringList> roots; // the agent-log roots found
    };

    explicit OnboardingDialog(const Services &services, QWidget *parent = nullptr);
    ~OnboardingDialog() override;

    KeysPage *keysPage() const { return m_keys; }
    LogsPage *logsPage() const { return m_logs; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void demoRequested();

private:
    QString m_dataDir;
    std::unique_ptr<KeyReplacer> m_validator;
    KeysPage *m_keys;
    LogsPage *m_logs;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_ONBOARDING_ONBOARDINGDIALOG_H
