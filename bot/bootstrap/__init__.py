"""The composition root: settings from the environment and the programme file, and `app.build()`,
which makes every engine, client and front end from them. The only place that knows the adapters.
"""
