"""Uploaded documents on several hosts: in a private bucket of
S3-compatible object storage, handed out only through the permission check."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.events.factories import PDF_BYTES, EventDocumentFactory, EventFactory

pytestmark = pytest.mark.django_db

BUCKET = "asskomm-documents"


@pytest.fixture(scope="module")
def s3_server():
    """A local S3-compatible server (moto's server mode) on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def object_storage(settings, s3_server):
    credentials = {"access_key": "testing", "secret_key": "testing"}
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-central-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "events.uploads.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-central-1",
                "location": "private",
                **credentials,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_an_uploaded_document_lands_in_the_private_bucket(object_storage, private_files):
    document = EventDocumentFactory()
    stored = object_storage.get_object(Bucket=BUCKET, Key=f"private/{document.file.name}")
    assert stored["Body"].read() == PDF_BYTES
    assert not (private_files / "private").exists()  # nothing on this host's disk
    acl = object_storage.get_object_acl(Bucket=BUCKET, Key=f"private/{document.file.name}")
    assert not any("AllUsers" in str(grant["Grantee"]) for grant in acl["Grants"])


def test_the_bucket_gives_no_links_only_the_download_view_hands_files_out(
    object_storage, client_for, member, applicant
):
    document = EventDocumentFactory(event=EventFactory(audience="members"))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018
    response = client_for(member).get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client_for(None).logout()
    assert client_for(applicant).get(document.get_absolute_url()).status_code == 404
