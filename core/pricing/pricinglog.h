#ifndef BURNRATE_CORE_PRICING_PRICINGLOG_H
#define BURNRATE_CORE_PRICING_PRICINGLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.pricing" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcPricing)

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICINGLOG_H
