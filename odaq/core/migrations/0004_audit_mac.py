import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models


def sign_existing(apps, schema_editor):
    """Sign the records written before keys existed, with the key configured now."""
    AuditRecord = apps.get_model("core", "AuditRecord")
    key = settings.ODAQ_AUDIT_KEY.encode()
    for pk, seq, hash_ in AuditRecord.objects.filter(mac="").values_list("pk", "seq", "hash").iterator():
        mac = hmac.new(key, f"{seq}:{hash_}".encode(), hashlib.sha256).hexdigest()
        AuditRecord.objects.filter(pk=pk).update(mac=mac)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_verified_token")]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(sign_existing, migrations.RunPython.noop),
    ]
