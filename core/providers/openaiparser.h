#ifndef BURNRATE_CORE_PROVIDERS_OPENAIPARSER_H
#define BURNRATE_CORE_PROVIDERS_OPENAIPARSER_H

#include "providers/bucketpage.h"
#include "providers/syncdata.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>

namespace burnrate {

using OpenAiUsagePage = UsagePage;

// A page of /v1/organization/usage/<kind>. Completions results map to token classes (input_tokens
// includes cached and cache-write tokens); embeddings and moderations give input tokens; every other
// integer metric (audio, image, sessions, bytes, ...) is kept by name in `extra`. `width` is the
// requested bucket_width.
Result<OpenAiUsagePage> parseOpenAiUsagePage(const QByteArray &body, const QString &width);

// A page of /v1/organization/costs. amount.value is USD, as a number or a string; only "usd" is accepted.
Result<CostPage> parseOpenAiCostsPage(const QByteArray &body);

// "gpt-4o-2024-08-06, input" names its model before the comma; other line items name none.
QString modelOfLineItem(const QString &lineItem);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_OPENAIPARSER_H
