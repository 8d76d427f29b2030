"""Demo data for ``manage.py demo_data`` and the benchmark."""
