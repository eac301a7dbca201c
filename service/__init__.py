"""The service layer: what the GraphQL resolvers and the HTTP app share.

Organisations, imports, assessments and custom definitions as tenant-scoped operations over
storage, with their user errors. It sits between the engine and `schema/`, so that the schema
maps records and never reaches into the HTTP app, and the HTTP app never into storage rows.
"""
