"""Pages of public consultation forums: the staff pages (login) and the public pages."""
