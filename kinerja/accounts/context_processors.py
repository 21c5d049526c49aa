def viewer(request):
    return {"viewer": getattr(request, "viewer", None)}
