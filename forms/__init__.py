"""WTForms forms, one module per area mirroring app/views/, on the shared BaseForm."""
