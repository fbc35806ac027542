#ifndef BURNRATE_UI_SETTINGS_KEYSSECTION_H
#define BURNRATE_UI_SETTINGS_KEYSSECTION_H

#include "secrets/keyspec.h"
#include "ui/settings/settingssection.h"

#include <QList>

class QGridLayout;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QWidget;

namespace burnrate {
class Clock;
class KeyReplacer;
class KeyResolver;
class SecretStore;
} // namespace burnrate

namespace burnrate::ui {

// Providers and keys: each key Burnrate can use, masked (sk-…abcd), and where it comes from (keychain or
// environment). Replace checks a pasted key live with the provider exactly as `burnrate keys set` does
// (KeyReplacer) and stores it only when it passes; Remove deletes it from the keychain. Both act at once. The key
// itself is only ever in the password field and in memory while it is checked.
class KeysSection final : public SettingsSection
{
    Q_OBJECT

public:
    KeysSection(SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock, QWidget *parent = nullptr);
    ~KeysSection() override;

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    // For tests and the window: opens the replace panel of `entry` ("openai/admin").
    void startReplace(const QString &entry);
    QLineEdit *keyField() const { return m_keyField; }
    QPushButton *storeButton() const { return m_store; }
    QString statusText() const;
    QString shownKey(const QString &entry) const;
    QString shownSource(const QString &entry) const;
    bool busy() const;

Q_SIGNALS:
    // A key check finished (stored or refused).
    void replaceFinished(bool stored);

private:
    struct Row
    {
        KeySpec spec;
        QLabel *key = nullptr;
        QLabel *source = nullptr;
    };
    void checkAndStore();
    void remove(int row);
    void setStatus(const QString &text, bool error);
    static QString guidance(const KeySpec &spec);

    SecretStore &m_secrets;
    std::unique_ptr<KeyResolver> m_resolver;
    KeyReplacer *m_replacer = nullptr;
    QList<Row> m_rows;
    int m_editing = -1;
    QWidget *m_panel = nullptr;
    QLabel *m_panelTitle = nullptr;
    QLabel *m_guidance = nullptr;
    QLineEdit *m_keyField = nullptr;
    QPushButton *m_store = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_KEYSSECTION_H
