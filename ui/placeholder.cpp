namespace burnrate::ui { void placeholder() {} }
