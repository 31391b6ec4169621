"""The neutral list of target groups: groups a prevention pilot works with, never individuals, never religion or
ethnicity. Site admins may extend it in the admin."""

from django.db import migrations

TARGET_GROUPS = [
    # slug, English, French
    ("young-people", "Young people (12–25)", "Jeunes (12–25 ans)"),
    ("pupils", "Pupils", "Élèves"),
    ("families", "Parents and families", "Parents et familles"),
    ("school-staff", "Teachers and school staff", "Enseignants et personnels scolaires"),
    ("frontline-practitioners", "Frontline practitioners", "Professionnels de terrain"),
    ("youth-workers", "Youth and social workers", "Animateurs et travailleurs sociaux"),
    ("local-officials", "Local officials and elected representatives", "Agents et élus locaux"),
    ("community", "Local community and associations", "Habitants et associations"),
    ("prison-probation", "People in prison or on probation", "Personnes détenues ou suivies en probation"),
    ("online-audiences", "Online audiences", "Publics en ligne"),
]


def create(apps, schema_editor):
    TargetGroup = apps.get_model("pilots", "TargetGroup")
    for position, (slug, name_en, name_fr) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.update_or_create(
            slug=slug, defaults={"name": name_en, "name_en": name_en, "name_fr": name_fr, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("pilots", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
