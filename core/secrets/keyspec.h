#ifndef BURNRATE_CORE_SECRETS_KEYSPEC_H
#define BURNRATE_CORE_SECRETS_KEYSPEC_H

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace burnrate {

enum class KeyKind
{
    Admin,      // OpenAI / Anthropic organisation admin key: usage and cost reports
    Management, // OpenRouter management key: /credits and /activity
    Inference   // an ordinary API key
};

QString keyKindName(KeyKind kind);
std::optional<KeyKind> keyKindFromName(const QString &name);

// One key Burnrate can hold: which provider and kind, the environment variable that overrides the
// keychain for headless use, and where the user creates one.
struct KeySpec
{
    QString provider;
    KeyKind kind = KeyKind::Inference;
    QString envVar;
    QString createUrl;
    QString purpose; // what Burnrate reads with it, for messages

    // The keychain entry name, one per provider and kind: "openai/admin".
    QString entry() const { return provider + QLatin1Char('/') + keyKindName(kind); }
};

// Every key Burnrate knows, in display order.
const QList<KeySpec> &allKeySpecs();
QStringList keyProviders();
QList<KeySpec> keySpecsOf(const QString &provider);
std::optional<KeySpec> keySpec(const QString &provider, KeyKind kind);
// The kind `burnrate keys set PROVIDER` stores when --kind is not given.
std::optional<KeyKind> defaultKeyKind(const QString &provider);

// "sk-…abcd": the part before the first '-' and the last four characters; nothing of a short key.
QString maskKey(const QString &key);

} // namespace burnrate

#endif // BURNRATE_CORE_SECRETS_KEYSPEC_H
